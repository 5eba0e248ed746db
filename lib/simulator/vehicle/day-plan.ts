import type { Rng } from '../rng';
import type { DrivePattern, MinuteRange } from '../scenario-types';
import { localToEpoch } from '../time-zone';

/** When a leg sets off: at a clock time, after a stay at its origin, or once charged to a SoC. */
export type Departure = { kind: 'at'; at: number } | { kind: 'afterStay'; minutes: number } | { kind: 'afterCharge'; toSoc: number };

export interface Leg {
  from: string;
  to: string;
  depart: Departure;
}

const draw = (r: Rng, [a, b]: MinuteRange) => r.float(a, b);

/** Whether the local date is the month's chosen road-trip day for this pattern. */
function isRoadTripDay(pattern: DrivePattern, rng: Rng, year: number, month: number, day: number, weekday: number): boolean {
  const rt = pattern.monthlyRoadTrip;
  if (!rt || weekday !== rt.weekday) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const firstMatch = ((day - 1) % 7) + 1;
  const count = Math.floor((daysInMonth - firstMatch) / 7) + 1;
  const chosen = Math.floor(rng.fork(`roadtrip:${year}-${month}`).next() * count);
  return Math.floor((day - 1) / 7) === chosen;
}

/**
 * The legs driven on one local day, in order. Deterministic per (stream, date): the stream is
 * forked by the date, so a day's plan does not depend on when the simulation started.
 * Legs departing before `notBefore` are dropped together with their return leg.
 */
export function planDay(params: {
  pattern: DrivePattern;
  rng: Rng;
  tz: string;
  homeId: string;
  date: { year: number; month: number; day: number; weekday: number };
  notBefore: number;
}): Leg[] {
  const { pattern, tz, homeId, date, notBefore } = params;
  const r = params.rng.fork(`${date.year}-${date.month}-${date.day}`);
  const at = (minutes: number) => localToEpoch(tz, date.year, date.month, date.day, minutes);
  const rt = pattern.monthlyRoadTrip;
  if (rt && isRoadTripDay(pattern, params.rng, date.year, date.month, date.day, date.weekday)) {
    const departAt = at(draw(r, rt.depart));
    if (departAt < notBefore) return [];
    return [
      { from: homeId, to: rt.superchargerId, depart: { kind: 'at', at: departAt } },
      { from: rt.superchargerId, to: rt.destinationId, depart: { kind: 'afterCharge', toSoc: rt.chargeToSoc } },
      { from: rt.destinationId, to: rt.superchargerId, depart: { kind: 'afterStay', minutes: draw(r, rt.stayMinutes) } },
      { from: rt.superchargerId, to: homeId, depart: { kind: 'afterCharge', toSoc: rt.chargeToSoc } },
    ];
  }
  const outings = (pattern.week[date.weekday] ?? [])
    .map((o) => ({
      o,
      happens: r.chance(o.probability ?? 1),
      departAt: at(draw(r, o.depart)),
      stay: draw(r, o.stayMinutes),
      to: r.pick(o.to),
    }))
    .filter((x) => x.happens && x.departAt >= notBefore)
    .sort((a, b) => a.departAt - b.departAt);
  return outings.flatMap(({ departAt, stay, to }): Leg[] => [
    { from: homeId, to, depart: { kind: 'at', at: departAt } },
    { from: to, to: homeId, depart: { kind: 'afterStay', minutes: stay } },
  ]);
}
