import type { Rng } from '../rng';
import { localParts, localToEpoch } from '../time-zone';
import type { LifeSpec, SoftwareRelease as Release } from './life-spec';

/**
 * One car's over-the-air updates. A release becomes due on its local date (10:00); the car downloads
 * it only while parked at home (Wi-Fi; elsewhere the status is `downloading_wifi_wait` and nothing
 * progresses), then shows it `available` (downloaded 100 %) and `scheduled` for the next night's
 * install time; the install runs when the car is parked at home and not charging, else a day later.
 * During the install the car is busy; after the first fifth it reboots and the Fleet API reports it
 * `offline` (TeslaMate's vehicle.ex handles "Vehicle went offline while updating" in its :updating
 * state). At the end `car_version` is the new one and `software_update` is idle again.
 * Status values and the idle object (`status ''`, `version ' '`, `install_perc 1`,
 * `expected_duration_sec 2700`) are real ones: tests/fixtures/real vehicle-data-2023-44 and 2024-44
 * (`available`, `download_perc 100`), HA tesla_fleet/teslemetry update.py (`downloading`,
 * `downloading_wifi_wait`, `scheduled`, `installing`), reference §3.6.6 (`scheduled_time_ms`).
 */
type Phase = 'idle' | 'downloading' | 'downloaded' | 'installing';

const MIN = 60_000;

export interface SoftwareUpdateView {
  status: '' | 'downloading' | 'downloading_wifi_wait' | 'available' | 'scheduled' | 'installing';
  download_perc: number;
  install_perc: number;
  expected_duration_sec: number;
  version: string;
  scheduled_time_ms?: number;
}

export class SoftwareUpdates {
  carVersion: string;
  #phase: Phase = 'idle';
  #queue: { release: Release; due: number }[];
  #current: { release: Release; due: number } | null = null;
  #downloadMs = 0;
  #downloadedMs = 0;
  #installMs = 0;
  #scheduledAt = 0;
  #installStart = 0;
  /** Whether the last step advanced the download (the car is busy downloading). */
  downloadingNow = false;

  constructor(
    readonly spec: NonNullable<LifeSpec['softwareUpdates']>,
    readonly tz: string,
    readonly rng: Rng,
    firmware: string,
    start: number,
  ) {
    const dated = spec.releases
      .map((release) => {
        const [y, m, d] = release.date.split('-').map(Number) as [number, number, number];
        return { release, due: localToEpoch(tz, y, m, d, 10 * 60) };
      })
      .sort((a, b) => a.due - b.due);
    // Releases before the world starts are already installed.
    this.carVersion = dated.filter((r) => r.due < start).at(-1)?.release.version ?? firmware;
    this.#queue = dated.filter((r) => r.due >= start);
  }

  get installing(): boolean {
    return this.#phase === 'installing';
  }

  /** During an install, from the end of its first fifth to its end: rebooting, unreachable. */
  offlineAt(t: number): boolean {
    return this.#phase === 'installing' && t >= this.#installStart + this.#installMs / 5 && t < this.#installStart + this.#installMs;
  }

  /**
   * One step (t − dtMs, t]: the step belongs to the phase its start is in. `parkedHome`: parked at
   * home (Wi-Fi); `charging`: Starting or Charging.
   */
  step(t: number, dtMs: number, parkedHome: boolean, charging: boolean): void {
    const t0 = t - dtMs;
    this.downloadingNow = false;
    if (this.#phase === 'installing' && t0 >= this.#installStart + this.#installMs) {
      this.carVersion = this.#current?.release.version ?? this.carVersion;
      this.#current = null;
      this.#phase = 'idle';
    }
    if (this.#phase === 'idle') {
      const next = this.#queue[0];
      if (!next || next.due > t0) return;
      this.#queue.shift();
      this.#current = next;
      const r = this.rng.fork(`update:${next.release.version}`);
      this.#downloadMs = r.float(this.spec.downloadMinutes[0], this.spec.downloadMinutes[1]) * MIN;
      this.#installMs = Math.round(r.float(this.spec.installMinutes[0], this.spec.installMinutes[1])) * MIN;
      this.#downloadedMs = 0;
      this.#phase = 'downloading';
    }
    if (this.#phase === 'downloading') {
      if (!parkedHome) return;
      this.downloadingNow = true;
      this.#downloadedMs += dtMs;
      if (this.#downloadedMs >= this.#downloadMs) {
        this.#phase = 'downloaded';
        this.#scheduledAt = this.#nextInstallTime(t);
      }
      return;
    }
    if (this.#phase === 'downloaded' && t0 >= this.#scheduledAt) {
      if (parkedHome && !charging) {
        this.#phase = 'installing';
        this.#installStart = t0;
      } else this.#scheduledAt += 24 * 60 * MIN;
    }
  }

  #nextInstallTime(t: number): number {
    const p = localParts(this.tz, t);
    const today = localToEpoch(this.tz, p.year, p.month, p.day, this.spec.installAtMinutes);
    return today > t ? today : today + 24 * 60 * MIN;
  }

  /** `vehicle_state.software_update` at `now`, `parkedHome` as in `step`. */
  view(now: number, parkedHome: boolean): SoftwareUpdateView {
    const rel = this.#current?.release;
    const expected = Math.round(this.#installMs / 1000) || 2700;
    const version = rel ? (rel.version.split(' ')[0] ?? rel.version) : ' ';
    switch (this.#phase) {
      case 'idle':
        return { download_perc: 0, expected_duration_sec: 2700, install_perc: 1, status: '', version: ' ' };
      case 'downloading':
        return {
          download_perc: Math.min(99, Math.floor((this.#downloadedMs / this.#downloadMs) * 100)),
          expected_duration_sec: expected,
          install_perc: 1,
          status: parkedHome ? 'downloading' : 'downloading_wifi_wait',
          version,
        };
      case 'downloaded': {
        const soon = this.#scheduledAt - now <= 4 * 60 * MIN;
        return {
          download_perc: 100,
          expected_duration_sec: expected,
          install_perc: 1,
          status: soon ? 'scheduled' : 'available',
          version,
          ...(soon ? { scheduled_time_ms: this.#scheduledAt } : {}),
        };
      }
      case 'installing':
        return {
          download_perc: 100,
          expected_duration_sec: expected,
          install_perc: Math.max(1, Math.min(99, Math.floor(((now - this.#installStart) / this.#installMs) * 100))),
          status: 'installing',
          version,
        };
    }
  }
}
