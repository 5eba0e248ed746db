'use client';
import { BarChart } from '@tremor/react';
import { liveFormatter, type LiveFormat } from './live-format';

type Point = Record<string, string | number | null>;

/** A Tremor bar chart for per-period figures the server prepared (see LiveAreaChart). */
export function LiveBarChart(props: {
  data: Point[];
  index: string;
  categories: string[];
  colors?: string[];
  format: LiveFormat;
  label: string;
  testId?: string;
}) {
  return (
    <figure data-testid={props.testId}>
      <figcaption className="sr-only">{props.label}</figcaption>
      <BarChart
        className="h-56"
        data={props.data}
        index={props.index}
        categories={props.categories}
        colors={props.colors ?? ['emerald']}
        valueFormatter={liveFormatter(props.format)}
        showLegend={props.categories.length > 1}
        yAxisWidth={64}
      />
    </figure>
  );
}
