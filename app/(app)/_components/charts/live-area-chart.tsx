'use client';
import { AreaChart } from '@tremor/react';
import { liveFormatter, type LiveFormat } from './live-format';

type Point = Record<string, string | number | null>;

/**
 * A Tremor area chart for a time series the server prepared (labels already in the owner's time
 * zone and units). `label` captions the chart for assistive technology; the page also shows the
 * figures in words.
 */
export function LiveAreaChart(props: {
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
  return (
    <figure data-testid={props.testId}>
      <figcaption className="sr-only">{props.label}</figcaption>
      <AreaChart
        className="h-56"
        data={props.data}
        index={props.index}
        categories={props.categories}
        colors={props.colors ?? ['blue']}
        valueFormatter={liveFormatter(props.format)}
        minValue={props.minValue}
        maxValue={props.maxValue}
        showLegend={props.categories.length > 1}
        connectNulls
        yAxisWidth={56}
        curveType="monotone"
      />
    </figure>
  );
}
