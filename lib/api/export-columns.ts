import type { ChargingSessionRow } from '@/db/queries/charging';
import type { DriveRow } from '@/db/queries/drives';
import type { EnergyDailyRow } from '@/db/queries/energy';
import type { CsvColumn } from './csv';

/** CSV columns of the exports: snake_case, the unit in every numeric header, times ISO 8601 UTC. */
const minutes = (from: Date, to: Date | null) => (to ? Math.round((to.getTime() - from.getTime()) / 60_000) : null);

export const chargingSessionColumns: CsvColumn<ChargingSessionRow>[] = [
  { header: 'id', value: (r) => r.id },
  { header: 'vin', value: (r) => r.vin },
  { header: 'vehicle_name', value: (r) => r.vehicleName },
  { header: 'started_at', value: (r) => r.startedAt },
  { header: 'ended_at', value: (r) => r.endedAt },
  { header: 'duration_min', value: (r) => minutes(r.startedAt, r.endedAt) },
  { header: 'source', value: (r) => r.source },
  { header: 'charger_type', value: (r) => r.chargerType },
  { header: 'location_name', value: (r) => r.locationName },
  { header: 'latitude_deg', value: (r) => r.latitude },
  { header: 'longitude_deg', value: (r) => r.longitude },
  { header: 'start_battery_level_pct', value: (r) => r.startBatteryLevel },
  { header: 'end_battery_level_pct', value: (r) => r.endBatteryLevel },
  { header: 'energy_added_kwh', value: (r) => r.energyAddedKwh },
  { header: 'energy_used_kwh', value: (r) => r.energyUsedKwh },
  { header: 'charge_rate_kw', value: (r) => r.chargeRateKw },
  { header: 'peak_power_kw', value: (r) => r.peakPowerKw },
  { header: 'solar_kwh', value: (r) => r.solarKwh },
  { header: 'battery_kwh', value: (r) => r.batteryKwh },
  { header: 'grid_kwh', value: (r) => r.gridKwh },
  { header: 'solar_pct', value: (r) => r.solarPercentage },
  { header: 'attribution_rule', value: (r) => r.attributionRule },
  { header: 'cost', value: (r) => r.cost },
  { header: 'cost_without_solar', value: (r) => r.costWithoutSolar },
  { header: 'cost_currency', value: (r) => r.costCurrency },
  { header: 'priced_kwh', value: (r) => r.pricedKwh },
  { header: 'pricing_basis', value: (r) => r.pricingBasis },
];

export const driveColumns: CsvColumn<DriveRow>[] = [
  { header: 'id', value: (r) => r.id },
  { header: 'vin', value: (r) => r.vin },
  { header: 'driver', value: (r) => r.driverName },
  { header: 'started_at', value: (r) => r.startedAt },
  { header: 'ended_at', value: (r) => r.endedAt },
  { header: 'duration_min', value: (r) => minutes(r.startedAt, r.endedAt) },
  { header: 'distance_km', value: (r) => r.distanceKm },
  { header: 'start_odometer_km', value: (r) => r.startOdometerKm },
  { header: 'end_odometer_km', value: (r) => r.endOdometerKm },
  { header: 'start_battery_level_pct', value: (r) => r.startBatteryLevel },
  { header: 'end_battery_level_pct', value: (r) => r.endBatteryLevel },
  { header: 'energy_used_kwh', value: (r) => r.energyUsedKwh },
  {
    header: 'efficiency_wh_per_km',
    value: (r) => (r.energyUsedKwh !== null && r.distanceKm ? Math.round((r.energyUsedKwh * 1000) / r.distanceKm) : null),
  },
  { header: 'start_place', value: (r) => r.startPlace },
  { header: 'end_place', value: (r) => r.endPlace },
  { header: 'max_speed_kmh', value: (r) => r.maxSpeedKmh },
  { header: 'outside_temp_avg_c', value: (r) => r.outsideTempAvgC },
  { header: 'inferred', value: (r) => r.inferred },
];

export const energyDailyColumns: CsvColumn<EnergyDailyRow>[] = [
  { header: 'site_id', value: (r) => r.siteId },
  { header: 'site_name', value: (r) => r.siteName },
  { header: 'date', value: (r) => r.date },
  { header: 'solar_produced_kwh', value: (r) => r.solarProducedKwh },
  { header: 'solar_exported_kwh', value: (r) => r.solarExportedKwh },
  { header: 'battery_charged_kwh', value: (r) => r.batteryChargedKwh },
  { header: 'battery_discharged_kwh', value: (r) => r.batteryDischargedKwh },
  { header: 'grid_imported_kwh', value: (r) => r.gridImportedKwh },
  { header: 'grid_exported_kwh', value: (r) => r.gridExportedKwh },
  { header: 'home_consumed_kwh', value: (r) => r.homeConsumedKwh },
  { header: 'self_consumption_pct', value: (r) => r.selfConsumptionPercentage },
  { header: 'self_powered_pct', value: (r) => r.selfPoweredPercentage },
  { header: 'complete', value: (r) => r.complete },
];
