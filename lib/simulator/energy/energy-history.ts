/**
 * 5-minute energy buckets of the site, the single store behind calendar_history. Each physics step
 * adds its exact (float) Wh per directed flow; reads round each flow of a 5-minute bucket to whole
 * Wh and derive every reported field as a sum of rounded flows, so the reference's identities hold
 * exactly in every bucket and in any aggregate of buckets.
 */
export const BUCKET_MS = 300_000;

export const FLOWS = [
  'solarToHome',
  'solarToBattery',
  'solarToGrid',
  'batteryToHome',
  'batteryToGrid',
  'gridToHome',
  'gridToBattery',
] as const;
export type Flow = (typeof FLOWS)[number];
export type FlowWh = Record<Flow, number>;

export const zeroFlows = (): FlowWh => ({
  solarToHome: 0,
  solarToBattery: 0,
  solarToGrid: 0,
  batteryToHome: 0,
  batteryToGrid: 0,
  gridToHome: 0,
  gridToBattery: 0,
});

export class EnergyHistory {
  /** Start of bucket 0 (epoch ms, multiple of 5 min). */
  readonly origin: number;
  #data: Float64Array;
  #count = 0;

  constructor(startMs: number) {
    this.origin = Math.floor(startMs / BUCKET_MS) * BUCKET_MS;
    this.#data = new Float64Array(FLOWS.length * 4096);
  }

  /** Adds a step's flows (Wh) to the bucket containing the step start `t0`. */
  add(t0: number, flows: FlowWh): void {
    const idx = Math.floor((t0 - this.origin) / BUCKET_MS);
    if (idx < 0) return;
    while ((idx + 1) * FLOWS.length > this.#data.length) {
      const bigger = new Float64Array(this.#data.length * 2);
      bigger.set(this.#data);
      this.#data = bigger;
    }
    const base = idx * FLOWS.length;
    for (let f = 0; f < FLOWS.length; f++) this.#data[base + f] = (this.#data[base + f] ?? 0) + (flows[FLOWS[f] as Flow] ?? 0);
    this.#count = Math.max(this.#count, idx + 1);
  }

  /** Whole-Wh flows of the bucket starting at `bucketStart` (zeros outside recorded time). */
  roundedBucket(bucketStart: number): FlowWh {
    const out = zeroFlows();
    const idx = Math.floor((bucketStart - this.origin) / BUCKET_MS);
    if (idx < 0 || idx >= this.#count) return out;
    const base = idx * FLOWS.length;
    for (let f = 0; f < FLOWS.length; f++) out[FLOWS[f] as Flow] = Math.round(this.#data[base + f] ?? 0);
    return out;
  }

  /** Sum of rounded 5-minute buckets over [from, to) (bucket-aligned). */
  sumRounded(from: number, to: number): FlowWh {
    const out = zeroFlows();
    const first = Math.max(from, this.origin);
    for (let b = Math.ceil((first - this.origin) / BUCKET_MS) * BUCKET_MS + this.origin; b < to; b += BUCKET_MS) {
      const r = this.roundedBucket(b);
      for (const f of FLOWS) out[f] += r[f];
    }
    return out;
  }

  /** End of recorded time (exclusive), epoch ms. */
  end(): number {
    return this.origin + this.#count * BUCKET_MS;
  }
}

/** Fleet API calendar_history entry fields from flows (Wh), all derived as sums (§4.4). */
export function toHistoryFields(f: FlowWh) {
  const solar = f.solarToHome + f.solarToBattery + f.solarToGrid;
  const batteryOut = f.batteryToHome + f.batteryToGrid;
  const home = f.gridToHome + f.solarToHome + f.batteryToHome;
  const charge = f.gridToBattery + f.solarToBattery;
  const exported = f.solarToGrid + f.batteryToGrid;
  return {
    solar_energy_exported: solar,
    generator_energy_exported: 0,
    grid_energy_imported: f.gridToBattery + f.gridToHome,
    grid_services_energy_imported: 0,
    grid_services_energy_exported: 0,
    grid_energy_exported_from_solar: f.solarToGrid,
    grid_energy_exported_from_generator: 0,
    grid_energy_exported_from_battery: f.batteryToGrid,
    battery_energy_exported: batteryOut,
    battery_energy_imported_from_grid: f.gridToBattery,
    battery_energy_imported_from_solar: f.solarToBattery,
    battery_energy_imported_from_generator: 0,
    consumer_energy_imported_from_grid: f.gridToHome,
    consumer_energy_imported_from_solar: f.solarToHome,
    consumer_energy_imported_from_battery: f.batteryToHome,
    consumer_energy_imported_from_generator: 0,
    total_home_usage: home,
    total_battery_charge: charge,
    total_battery_discharge: batteryOut,
    total_solar_generation: solar,
    total_grid_energy_exported: exported,
  };
}
