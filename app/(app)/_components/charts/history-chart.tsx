'use client';
import { historyFormatter, type HistoryUnit } from './history-format';
import { TremorChart } from './tremor-chart';

export type HistoryChartProps = {
  kind: 'bar' | 'area' | 'line';
  /** Rows keyed by `index` (the x axis label) and one number (or null) per category. */
  data: Record<string, string | number | null | undefined>[];
  index: string;
  categories: string[];
  /** Tremor colour names, one per category. */
  colors: string[];
  unit: HistoryUnit;
  currency?: string;
  stack?: boolean;
  /** Says what the chart shows to screen readers (the figures are also in the page's text). */
  label: string;
  testId?: string;
};

/** Legend swatches in the Tremor colours the charts use (Tremor draws its series at shade 500). */
const SWATCH: Record<string, string> = {
  amber: 'bg-amber-500',
  blue: 'bg-blue-500',
  emerald: 'bg-emerald-500',
  gray: 'bg-gray-500',
  teal: 'bg-teal-500',
  violet: 'bg-violet-500',
};

/**
 * The history pages' chart (Tremor's own legend is off: its list markup fails axe): a TremorChart bar,
 * area or line chart, 15 rem high, with the unit's formatter built here on the client.
 */
export function HistoryChart(props: HistoryChartProps) {
  return (
    <figure
      role="group"
      aria-label={props.label}
      data-testid={props.testId}
      data-chart={props.kind}
      data-points={props.data.length}
      className="m-0"
    >
      <ul aria-label="Legend" className="mb-2 flex flex-wrap justify-end gap-x-3 gap-y-1 text-xs text-gray-700 dark:text-gray-300">
        {props.categories.map((c, i) => (
          <li key={c} className="flex items-center gap-1.5">
            <span
              aria-hidden="true"
              className={`inline-block size-2.5 rounded-full ${SWATCH[props.colors[i] ?? 'gray'] ?? 'bg-gray-500'}`}
            />
            {c}
          </li>
        ))}
      </ul>
      <TremorChart
        kind={props.kind}
        data={props.data}
        index={props.index}
        categories={props.categories}
        colors={props.colors}
        valueFormatter={historyFormatter(props.unit, props.currency)}
        yAxisWidth={props.unit === 'money' ? 76 : 68}
        className="h-60"
        showLegend={false}
        stack={props.kind === 'line' ? undefined : props.stack}
        showGradient={props.kind === 'area' ? false : undefined}
      />
    </figure>
  );
}
