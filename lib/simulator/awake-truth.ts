import { AWAKE_REASONS, type AwakeReason, type GroundTruthExport, type TrueAwakeStretch } from './ground-truth';

/**
 * Per car, how a window [from, to) was spent: asleep, and awake by reason (issue 14). Compare a
 * synced world with the same world run without any client request
 * (`Simulator.groundTruthWithoutSync`) to see what the sync cost the car in sleep.
 */
export interface AwakeSummary {
  vin: string;
  asleepMs: number;
  awakeMs: number;
  byReason: Record<AwakeReason, number>;
  /** The awake stretches overlapping the window, clipped to it. */
  stretches: TrueAwakeStretch[];
}

const overlap = (start: number, end: number, from: number, to: number) => Math.max(0, Math.min(end, to) - Math.max(start, from));

export function awakeSummary(gt: GroundTruthExport, from: number, to: number): Map<string, AwakeSummary> {
  const out = new Map<string, AwakeSummary>();
  const of = (vin: string): AwakeSummary => {
    let s = out.get(vin);
    if (!s) {
      s = {
        vin,
        asleepMs: 0,
        awakeMs: 0,
        byReason: Object.fromEntries(AWAKE_REASONS.map((r) => [r, 0])) as Record<AwakeReason, number>,
        stretches: [],
      };
      out.set(vin, s);
    }
    return s;
  };
  for (const s of gt.sleeps) of(s.vin).asleepMs += overlap(s.start, s.end ?? to, from, to);
  for (const a of gt.awake) {
    const ms = overlap(a.start, a.end, from, to);
    if (ms <= 0) continue;
    const s = of(a.vin);
    s.awakeMs += ms;
    s.byReason[a.reason] += ms;
    s.stretches.push({ ...a, start: Math.max(a.start, from), end: Math.min(a.end, to) });
  }
  return out;
}
