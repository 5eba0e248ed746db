/**
 * Path templates of the Fleet API endpoints this app uses (reference §3, §4, §2).
 * `vehicleTag` is the VIN (the numeric id also works on Tesla's side, §9.12); `siteId` is the
 * energy_site_id as a decimal string — never a JS number (ids can exceed 2^53).
 */
const enc = encodeURIComponent;

export const fleetPaths = {
  status: () => '/status',
  token: () => '/oauth2/v3/token',
  authorize: () => '/oauth2/v3/authorize',
  partnerAccounts: () => '/api/1/partner_accounts',
  partnerPublicKey: () => '/api/1/partner_accounts/public_key',
  me: () => '/api/1/users/me',
  region: () => '/api/1/users/region',
  products: () => '/api/1/products',
  vehicles: () => '/api/1/vehicles',
  vehicle: (vehicleTag: string) => `/api/1/vehicles/${enc(vehicleTag)}`,
  vehicleData: (vehicleTag: string) => `/api/1/vehicles/${enc(vehicleTag)}/vehicle_data`,
  wakeUp: (vehicleTag: string) => `/api/1/vehicles/${enc(vehicleTag)}/wake_up`,
  liveStatus: (siteId: string) => `/api/1/energy_sites/${enc(siteId)}/live_status`,
  siteInfo: (siteId: string) => `/api/1/energy_sites/${enc(siteId)}/site_info`,
  calendarHistory: (siteId: string) => `/api/1/energy_sites/${enc(siteId)}/calendar_history`,
  telemetryHistory: (siteId: string) => `/api/1/energy_sites/${enc(siteId)}/telemetry_history`,
  chargingHistory: () => '/api/1/dx/charging/history',
} as const;

/** Sub-objects selectable with `vehicle_data?endpoints=a;b;c` (§3.6). */
export const VEHICLE_DATA_ENDPOINTS = [
  'charge_state',
  'climate_state',
  'closures_state',
  'drive_state',
  'gui_settings',
  'location_data',
  'charge_schedule_data',
  'preconditioning_schedule_data',
  'vehicle_config',
  'vehicle_state',
] as const;
export type VehicleDataEndpoint = (typeof VEHICLE_DATA_ENDPOINTS)[number];

/** Query value for `endpoints`: semicolon-separated (URLSearchParams encodes `;` as %3B). */
export function vehicleDataQuery(endpoints: readonly VehicleDataEndpoint[]): string {
  return new URLSearchParams({ endpoints: endpoints.join(';') }).toString();
}
