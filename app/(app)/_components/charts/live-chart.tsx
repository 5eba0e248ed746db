'use client';
import { liveFormatter, type LiveFormat } from './live-format';
import { TremorChart } from './tremor-chart';

type Point = Record<string, string | number | null>;

/**
 * A chart of figures the server prepared (labels already in the owner's time zone and units): an
 * area chart for a time series, a bar chart for per-period figures. `label` captions the chart for
 * assistive technology; the page also shows the figures in words.
 */
export function LiveChart(props: {
  kind: 'area' | 'bar';
  data: Point[];
  index: string;
  categories: string[];
  colors?: string[];
  format: LiveFormat;
  label: string;
  minValue?: number;
  maxValue?: number;
  testId?: string;
}) {
  const area = props.kind === 'area';
  return (
    <figure data-testid={props.testId}>
      <figcaption className="sr-only">{props.label}</figcaption>
      <TremorChart
        kind={props.kind}
        className="h-56"
        data={props.data}
        index={props.index}
        categories={props.categories}
        colors={props.colors ?? [area ? 'blue' : 'emerald']}
        valueFormatter={liveFormatter(props.format)}
        minValue={props.minValue}
        maxValue={props.maxValue}
        showLegend={props.categories.length > 1}
        yAxisWidth={area ? 56 : 64}
        curveType={area ? 'monotone' : undefined}
      />
    </figure>
  );
}
