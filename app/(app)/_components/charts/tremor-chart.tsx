'use client';
import { useEffect, useRef, useState, type ComponentProps } from 'react';
import { useInView } from '@/app/_components/use-in-view';
import type { TremorChart as Impl } from './tremor-chart-impl';

export type { ChartKind } from './tremor-chart-impl';

/**
 * The Tremor chart (tremor-chart-impl.tsx), loaded in the browser only and only when it comes near the
 * viewport: Tremor and recharts are most of a page's JavaScript, so a chart below the fold costs
 * nothing until the owner scrolls to it. Until it has drawn, an empty box of the same size (its
 * `className` sets the height) holds its place, so nothing moves when it arrives.
 */
export function TremorChart(props: ComponentProps<typeof Impl>) {
  const ref = useRef<HTMLDivElement>(null);
  const inView = useInView(ref);
  const [Chart, setChart] = useState<typeof Impl | null>(null);
  useEffect(() => {
    if (!inView || Chart) return;
    let cancelled = false;
    void import('./tremor-chart-impl').then((m) => {
      if (!cancelled) setChart(() => m.TremorChart);
    });
    return () => {
      cancelled = true;
    };
  }, [inView, Chart]);
  if (Chart) return <Chart {...props} />;
  return <div ref={ref} className={`w-full ${props.className}`} data-chart-pending="" />;
}
