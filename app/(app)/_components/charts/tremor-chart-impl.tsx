'use client';
import { AreaChart, BarChart, LineChart } from '@tremor/react';

export type ChartKind = 'bar' | 'area' | 'line';
type Row = Record<string, string | number | null | undefined>;

/**
 * The one Tremor wrapper: a bar, area or line chart of `categories` over `index`, configured by its
 * props (options left undefined keep Tremor's defaults). HistoryChart and LiveChart are its two
 * presets (the history pages' and the vehicle page's).
 */
export function TremorChart(props: {
  kind: ChartKind;
  data: Row[];
  index: string;
  categories: string[];
  colors: string[];
  valueFormatter: (value: number) => string;
  yAxisWidth: number;
  className: string;
  showLegend: boolean;
  stack?: boolean;
  minValue?: number;
  maxValue?: number;
  showGradient?: boolean;
  curveType?: 'linear' | 'monotone';
}) {
  const { kind, stack, minValue, maxValue, showGradient, curveType, ...common } = props;
  const defined = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
  const scale = defined({ minValue, maxValue });
  if (kind === 'bar') return <BarChart {...common} {...defined({ stack })} {...scale} />;
  if (kind === 'area') return <AreaChart {...common} {...defined({ stack, showGradient, curveType })} {...scale} connectNulls />;
  return <LineChart {...common} {...scale} connectNulls />;
}
