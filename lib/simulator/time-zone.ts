import { tzOffset } from '@date-fns/tz';

/**
 * IANA time-zone arithmetic on epoch ms for the physics loop: the offset comes from the same
 * `tzOffset` (@date-fns/tz) as lib/time, cached per 15-minute slot (every real DST switch falls on
 * one), so the loop can ask freely.
 */
const offsetCache = new Map<string, number>();
const checkedZones = new Set<string>();
const SLOT_MS = 15 * 60_000;
export const DAY_MS = 86_400_000;

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Minutes east of UTC in `tz` at instant `ms` (e.g. +60 for Amsterdam in winter). */
export function offsetMinutes(tz: string, ms: number): number {
  const slot = Math.floor(ms / SLOT_MS);
  const key = `${tz}|${slot}`;
  const hit = offsetCache.get(key);
  if (hit !== undefined) return hit;
  if (!checkedZones.has(tz)) {
    if (!isValidTimeZone(tz)) throw new RangeError(`Invalid time zone specified: ${tz}`);
    checkedZones.add(tz);
  }
  const off = tzOffset(tz, new Date(slot * SLOT_MS));
  if (offsetCache.size > 200_000) offsetCache.clear();
  offsetCache.set(key, off);
  return off;
}

export interface LocalParts {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  /** Minutes since local midnight (fractional). */
  minuteOfDay: number;
  /** 1–366. */
  dayOfYear: number;
}

export function localParts(tz: string, ms: number): LocalParts {
  const d = new Date(ms + offsetMinutes(tz, ms) * 60_000);
  const year = d.getUTCFullYear();
  const hour = d.getUTCHours();
  const minute = d.getUTCMinutes();
  const second = d.getUTCSeconds();
  return {
    year,
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour,
    minute,
    second,
    weekday: d.getUTCDay(),
    minuteOfDay: hour * 60 + minute + (second + d.getUTCMilliseconds() / 1000) / 60,
    dayOfYear: Math.floor((Date.UTC(year, d.getUTCMonth(), d.getUTCDate()) - Date.UTC(year, 0, 1)) / DAY_MS) + 1,
  };
}

/** Epoch ms of a local wall-clock time (month 1–12; minutes may exceed 1440 to roll over). */
export function localToEpoch(tz: string, year: number, month: number, day: number, minutes = 0): number {
  const naive = Date.UTC(year, month - 1, day) + minutes * 60_000;
  let guess = naive - offsetMinutes(tz, naive) * 60_000;
  guess = naive - offsetMinutes(tz, guess) * 60_000;
  return guess;
}

/** Start of the local day containing `ms`. */
export function startOfLocalDay(tz: string, ms: number): number {
  const p = localParts(tz, ms);
  return localToEpoch(tz, p.year, p.month, p.day);
}

/** Start of the local day `n` days after the one starting at `dayStart`. */
export function addLocalDays(tz: string, dayStart: number, n: number): number {
  const p = localParts(tz, dayStart + 12 * 3_600_000);
  return localToEpoch(tz, p.year, p.month, p.day + n);
}

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');

/** ISO-8601 with the zone's offset, second precision: `2026-03-14T13:05:12+01:00`. */
export function formatIsoLocal(tz: string, ms: number): string {
  const off = offsetMinutes(tz, ms);
  const d = new Date(Math.floor(ms / 1000) * 1000 + off * 60_000);
  const sign = off < 0 ? '-' : '+';
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}` +
    `${sign}${pad(Math.trunc(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`
  );
}
