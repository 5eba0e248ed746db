/**
 * The whole domain schema. Conventions (see db/tables/columns.ts):
 * - metric units named in column names (km, kWh, W, kW, °C, %), instants as timestamptz;
 * - Tesla's sign conventions kept: battery_power > 0 discharging, grid_power > 0 importing;
 * - Tesla ids stored as strings (`id_s`), never as JS numbers.
 */
export * from './tables/account';
export * from './tables/places';
export * from './tables/vehicles';
export * from './tables/energy';
export * from './tables/activity';
