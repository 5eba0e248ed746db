import { useId } from 'react';
import type { Flow, FlowNode } from './energy-flow';

/** Where each node sits in the 320×240 drawing; the house's bus is the centre. */
const POS: Record<FlowNode, { x: number; y: number; label: string }> = {
  solar: { x: 160, y: 32, label: 'Solar' },
  grid: { x: 40, y: 120, label: 'Grid' },
  home: { x: 280, y: 120, label: 'Home' },
  powerwall: { x: 85, y: 205, label: 'Powerwall' },
  car: { x: 235, y: 205, label: 'Car' },
};
const BUS = { x: 160, y: 120 };
const R = 28;

const COLOR: Record<FlowNode, string> = {
  solar: 'stroke-amber-500 text-amber-500',
  powerwall: 'stroke-emerald-500 text-emerald-500',
  grid: 'stroke-gray-500 text-gray-500',
  home: 'stroke-blue-500 text-blue-500',
  car: 'stroke-fuchsia-500 text-fuchsia-500',
};

type Pt = { x: number; y: number };
/** The point `d` px from `a` towards `b`. */
const toward = (a: Pt, b: Pt, d: number): Pt => {
  const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
  return { x: a.x + ((b.x - a.x) / len) * d, y: a.y + ((b.y - a.y) / len) * d };
};

function arrowHead(from: Pt, tip: Pt): string {
  const len = Math.hypot(tip.x - from.x, tip.y - from.y) || 1;
  const ux = (tip.x - from.x) / len;
  const uy = (tip.y - from.y) / len;
  const back = { x: tip.x - ux * 9, y: tip.y - uy * 9 };
  return [tip, { x: back.x - uy * 5, y: back.y + ux * 5 }, { x: back.x + uy * 5, y: back.y - ux * 5 }]
    .map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`)
    .join(' ');
}

/**
 * The live energy flow: a source's line runs into the centre, a sink's out of it, with an arrow
 * and the power in its node. Drawn for sighted readers only (aria-hidden): the same flows are
 * listed in words next to it.
 *
 * An active line's dashes move along it (20 units a second, unless the reader prefers reduced
 * motion) by a transform, never by animating its dash offset: a transform runs on the compositor,
 * while a dash-offset animation repaints the drawing on the main thread every frame, for as long as
 * the dashboard is open (on a phone that blocked the page; issue 20). The line is laid along the x
 * axis from its start, 20 units longer behind it, clipped to its length, and slides forward by 20
 * (two dash periods) each second.
 */
export function EnergyFlowDiagram(props: { flows: Flow[]; labels: Partial<Record<FlowNode, string>> }) {
  const uid = useId().replace(/[^\w-]/g, '');
  return (
    <svg viewBox="0 0 320 240" className="h-auto w-full max-w-sm" aria-hidden="true" data-testid="energy-flow-diagram">
      <style>
        {
          '@keyframes tessie-flow{from{transform:translateX(0)}to{transform:translateX(20px)}}@media (prefers-reduced-motion:no-preference){.tessie-flowing{animation:tessie-flow 1s linear infinite}}'
        }
      </style>
      <circle cx={BUS.x} cy={BUS.y} r="6" className="fill-gray-400 dark:fill-gray-500" />
      {props.flows.map((f) => {
        const node = POS[f.node];
        const active = f.direction !== 'idle';
        const [from, to] = f.direction === 'out' ? [BUS, node] : [node, BUS];
        const start = toward(from, to, from === BUS ? 8 : R + 2);
        const end = toward(to, from, to === BUS ? 8 : R + 2);
        const length = Math.hypot(end.x - start.x, end.y - start.y);
        const angle = (Math.atan2(end.y - start.y, end.x - start.x) * 180) / Math.PI;
        const clip = `${uid}-${f.node}`;
        return (
          <g key={f.node} className={COLOR[f.node]} data-flow={f.node} data-direction={f.direction}>
            {active ? (
              <g transform={`translate(${start.x.toFixed(2)} ${start.y.toFixed(2)}) rotate(${angle.toFixed(2)})`}>
                <clipPath id={clip}>
                  <rect x="0" y="-3" width={length.toFixed(2)} height="6" />
                </clipPath>
                <g clipPath={`url(#${clip})`}>
                  <line x1="-20" y1="0" x2={length.toFixed(2)} y2="0" strokeWidth={3} strokeDasharray="6 4" className="tessie-flowing" />
                </g>
              </g>
            ) : (
              <line x1={start.x} y1={start.y} x2={end.x} y2={end.y} strokeWidth={1.5} strokeDasharray="2 4" className="opacity-50" />
            )}
            {active ? <polygon points={arrowHead(start, end)} className="fill-current stroke-0" /> : null}
          </g>
        );
      })}
      {(Object.keys(POS) as FlowNode[]).map((n) => {
        const p = POS[n];
        return (
          <g key={n} data-node={n}>
            <circle cx={p.x} cy={p.y} r={R} strokeWidth="2" className={`fill-white dark:fill-gray-900 ${COLOR[n]}`} />
            <text x={p.x} y={p.y - 2} textAnchor="middle" className="fill-gray-900 text-[9px] font-semibold dark:fill-gray-50">
              {p.label}
            </text>
            <text x={p.x} y={p.y + 10} textAnchor="middle" className="fill-gray-700 text-[9px] dark:fill-gray-300">
              {props.labels[n] ?? ''}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
