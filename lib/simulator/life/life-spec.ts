import type { MinuteRange, PlaceKind } from '../scenario-types';

/**
 * "What real owners do to their cars" (issue 14): the things besides driving and charging that
 * keep a car awake, each switched on per car by its own key (absent = off). A car without `life`
 * behaves exactly as before. Every schedule is drawn from random streams keyed by the local date or
 * the event's own time, never from request-dependent state, so a client's requests change only
 * when the car sleeps, never what the owner does.
 */
export interface LifeSpec {
  /** The owner opens the phone app: the car wakes and stays busy a few minutes. */
  appOpens?: {
    /** Opens per day at random times between 07:00 and 22:00 local. */
    perDay: MinuteRange;
    /** How long each open keeps the car busy, minutes. */
    minutes: MinuteRange;
    /** Chance of an extra open 5–20 minutes before each departure from home. */
    beforeDeparture: number;
  };
  /** Sentry Mode: on whenever the car is parked at a place whose kind is not excluded (Tesla's "Exclude Home"). */
  sentry?: { exclude: readonly PlaceKind[] };
  /** Scheduled departure with preconditioning: the car wakes `preconditionMinutes` before `minutes` (local) on `weekdays` at home. */
  scheduledDeparture?: { minutes: number; weekdays: readonly number[]; preconditionMinutes: number };
  /** Keep-climate-on / Dog / Camp mode, left on for the whole stay at a place of these kinds, with this chance per stay. */
  climateKeeper?: { mode: 'keep' | 'dog' | 'camp'; at: readonly PlaceKind[]; chance: number };
  /**
   * Cabin Overheat Protection ('On', cooling): while parked within 12 hours of arrival, the car cools
   * when the sun would heat the cabin above the activation temperature (Low 30, Medium 35, High 40 °C).
   */
  cabinOverheat?: { activation: 'Low' | 'Medium' | 'High' };
  /**
   * Over-the-air updates, each released on a local date: downloaded while parked at home (Wi-Fi), then
   * installed at `installAtMinutes` (local) the next night the car is parked at home and not charging.
   */
  softwareUpdates?: {
    releases: readonly SoftwareRelease[];
    downloadMinutes: MinuteRange;
    installMinutes: MinuteRange;
    installAtMinutes: number;
  };
  /** Extra minutes, drawn per quiet stretch, that the car stays online after its sleep timer ran out. */
  lingerMinutes?: MinuteRange;
  /** No signal (tunnel, underground parking) in the middle of a drive or a charge. */
  offlineSpells?: { driveChance: number; chargeChance: number; minutes: MinuteRange };
}

/** A firmware release: `car_version` once installed (firmware and build hash) and its local date (YYYY-MM-DD). */
export interface SoftwareRelease {
  version: string;
  date: string;
}
