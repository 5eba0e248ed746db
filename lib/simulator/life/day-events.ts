import type { Rng } from '../rng';
import { localToEpoch } from '../time-zone';
import type { Leg } from '../vehicle/day-plan';
import type { LifeSpec } from './life-spec';

/** A scheduled stretch of one owner habit: an app open, or preconditioning before a scheduled departure. */
export interface LifeEvent {
  start: number;
  end: number;
  kind: 'app' | 'preconditioning';
}

const MIN = 60_000;
/** Whole minutes, like the simulator's steps: an event of n minutes is n steps long. */
const wholeMinute = (ms: number) => Math.round(ms / MIN) * MIN;

/**
 * The owner's habits on one local day, deterministic per (stream, date) like the drive plan:
 * app opens at random daytime minutes plus, with a chance, one 5–20 minutes before each departure
 * from home; preconditioning before the scheduled departure on its weekdays. Events starting before
 * `notBefore` are dropped.
 */
export function planLifeDay(params: {
  spec: LifeSpec;
  rng: Rng;
  tz: string;
  homeId: string;
  date: { year: number; month: number; day: number; weekday: number };
  legs: readonly Leg[];
  notBefore: number;
}): LifeEvent[] {
  const { spec, tz, date, notBefore } = params;
  const r = params.rng.fork(`${date.year}-${date.month}-${date.day}`);
  const at = (minutes: number) => localToEpoch(tz, date.year, date.month, date.day, minutes);
  const events: LifeEvent[] = [];
  const app = spec.appOpens;
  if (app) {
    const n = r.int(app.perDay[0], app.perDay[1]);
    for (let i = 0; i < n; i++) {
      const start = wholeMinute(at(r.float(7 * 60, 22 * 60)));
      events.push({ start, end: start + wholeMinute(r.float(app.minutes[0], app.minutes[1]) * MIN), kind: 'app' });
    }
    for (const leg of params.legs) {
      if (leg.from !== params.homeId || leg.depart.kind !== 'at') continue;
      const start = wholeMinute(leg.depart.at - r.float(5, 20) * MIN);
      const minutes = wholeMinute(r.float(app.minutes[0], app.minutes[1]) * MIN);
      if (r.chance(app.beforeDeparture)) events.push({ start, end: start + minutes, kind: 'app' });
    }
  }
  const dep = spec.scheduledDeparture;
  if (dep && dep.weekdays.includes(date.weekday)) {
    const end = wholeMinute(at(dep.minutes));
    events.push({ start: end - wholeMinute(dep.preconditionMinutes * MIN), end, kind: 'preconditioning' });
  }
  return events.filter((e) => e.start >= notBefore).sort((a, b) => a.start - b.start);
}
