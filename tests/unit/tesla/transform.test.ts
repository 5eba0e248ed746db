import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EnergyHistoryResponseSchema, LiveStatusResponseSchema, VehicleDataResponseSchema, parseFleetJson } from '@/lib/fleet-api';
import { KM_PER_MILE, toEnergyHistory, toSiteLiveData, toVehicle, toVehicleSnapshot } from '@/lib/tesla/transform';

/** Fixtures are the reference's example shapes (tests/fixtures/tesla), read as Tesla sends them. */
function fixture(name: string): unknown {
  return parseFleetJson(readFileSync(new URL(`../../fixtures/tesla/${name}.json`, import.meta.url), 'utf8'));
}
const vehicleData = (name: string) => VehicleDataResponseSchema.parse(fixture(name)).response;
const FALLBACK = { vin: 'XP7YGCEK5PB012345', at: new Date(0) };

describe('transform: Tesla units → canonical metric', () => {
  it('converts a car whose GUI is set to miles: miles → km, mph → km/h, keeps °C and kW', () => {
    const s = toVehicleSnapshot(vehicleData('vehicle-data-miles-driving'), FALLBACK);
    expect(s.displayUnits).toEqual({ distance: 'mi', temperature: 'F' });
    expect(s.odometerKm).toBeCloseTo(1609.344, 3);
    expect(s.batteryRangeKm).toBeCloseTo(200 * KM_PER_MILE, 3);
    expect(s.idealBatteryRangeKm).toBeCloseTo(337.962, 3);
    expect(s.speedKmh).toBeCloseTo(104.607, 3);
    expect(s.destinationDistanceKm).toBeCloseTo(20.117, 3);
    expect(s.outsideTempC).toBe(-3.5); // °C even with the GUI in °F
    expect(s.powerKw).toBe(32);
    expect(s.shiftState).toBe('D');
    expect(s.timestamp.getTime()).toBe(1767272400500); // newest sub-object timestamp
    expect(s.chargerPhases).toBeNull();
  });

  it('converts a car whose GUI is set to km exactly the same way (the API always sends miles)', () => {
    const s = toVehicleSnapshot(vehicleData('vehicle-data-km-settings'), FALLBACK);
    expect(s.displayUnits).toEqual({ distance: 'km', temperature: 'C' });
    expect(s.odometerKm).toBeCloseTo(31288.4173 * KM_PER_MILE, 3);
    expect(s.odometerKm).toBeCloseTo(50353.83, 2);
    expect(s.batteryRangeKm).toBeCloseTo(291.935, 3);
    expect(s.chargeRateKmh).toBeCloseTo(58.097, 3);
    expect(s.speedKmh).toBeNull(); // parked: null stays null, never 0
    expect(s.chargeEnergyAddedKwh).toBe(7.35);
    expect(s.chargerPowerKw).toBe(11);
    expect(s.powerKw).toBe(-11); // negative = into the battery, kept
    expect(s.insideTempC).toBe(14.5);
    expect(s.tpmsBar).toEqual({ fl: 2.9, fr: 2.9, rl: 2.95, rr: 2.95 });
    expect(s.firmwareVersion).toBe('2025.44.3');
    expect(s.latitude).toBe(52.3702);
  });

  it('keeps vehicle ids as strings, also beyond 2^53', () => {
    const raw = vehicleData('vehicle-data-miles-driving');
    expect(toVehicle(raw)?.id).toBe('9007199254740993');
    expect(raw.id).toBe('9007199254740993'); // parseFleetJson kept the unsafe integer as digits
  });

  it("keeps W and Tesla's signs for live status (battery > 0 discharging, grid > 0 importing)", () => {
    const live = toSiteLiveData(LiveStatusResponseSchema.parse(fixture('live-status')).response, new Date(0));
    expect(live).toMatchObject({ solarPowerW: 4310, batteryPowerW: -1650, gridPowerW: -1540, loadPowerW: 1120, batteryPercentage: 82.4 });
    expect(live.solarPowerW! + live.batteryPowerW! + live.gridPowerW! + live.generatorPowerW!).toBe(live.loadPowerW);
    expect(live.timestamp.toISOString()).toBe('2026-03-14T12:05:12.000Z');
    expect(live.wallConnectors).toEqual([{ din: '1529455-02-E--PGT00000000001', vin: null, state: 2, powerW: 0 }]);
  });

  it('maps calendar_history buckets in Wh, deriving totals when Tesla omits them', () => {
    const h = toEnergyHistory(EnergyHistoryResponseSchema.parse(fixture('calendar-history-day')).response);
    expect(h.timeZone).toBe('Europe/Amsterdam');
    const [noon, night] = h.buckets;
    expect(noon).toMatchObject({ solarWh: 520, gridExportedWh: 260, batteryChargedWh: 150, homeWh: 110, gridImportedWh: 0 });
    expect(noon!.localTimestamp).toBe('2026-06-21T13:00:00+02:00');
    expect(noon!.timestamp.toISOString()).toBe('2026-06-21T11:00:00.000Z');
    expect(night).toMatchObject({ homeWh: 400, batteryDischargedWh: 240, gridExportedWh: 40, gridImportedWh: 300, homeFromBatteryWh: 200 });
  });
});
