import type { SimState } from '../context';
import { POWERWALL_W, POWERWALL_WH, type EnergySite } from '../energy/energy-model';
import { formatIsoLocal } from '../time-zone';

/**
 * Energy site bodies (§4.1–4.3). live_status reports the step-average powers of the most recent
 * physics step, rounded to whole W with `load_power` computed from the rounded parts, so
 * `load = solar + battery + grid + generator` holds exactly in every response.
 */
export function liveStatus(sim: SimState, site: EnergySite, now: number) {
  const p = site.powers;
  const solar = Math.round(p.solarW);
  const battery = Math.round(p.batteryW);
  const grid = Math.round(p.gridW);
  return {
    solar_power: solar,
    percentage_charged: Math.round(site.percentCharged() * 1e6) / 1e6,
    backup_capable: true,
    battery_power: battery,
    load_power: solar + battery + grid,
    grid_status: p.gridUp ? 'Active' : 'Inactive',
    grid_services_active: false,
    grid_power: grid,
    grid_services_power: 0,
    generator_power: 0,
    island_status: p.gridUp ? 'on_grid' : 'off_grid_unintentional',
    storm_mode_active: false,
    battery_breaker_open: false,
    timestamp: formatIsoLocal(site.spec.timeZone, now),
    wall_connectors: site.spec.wallConnectors.map((wc) => {
      const car = sim.world.vehicles.find((v) => v.plug?.din === wc.din);
      const watts = Math.round(p.wallConnectorW[wc.din] ?? 0);
      // [U] codes (§4.2): 1 charging, 2 idle/unplugged, 3 plugged in, 4 plugged in, paused.
      const state = !car ? 2 : watts > 0 ? 1 : car.chargingState === 'Stopped' ? 4 : 3;
      return {
        din: wc.din,
        ...(car ? { vin: car.vin } : {}),
        wall_connector_state: state,
        wall_connector_fault_state: 2,
        wall_connector_power: watts,
      };
    }),
  };
}

function components(site: EnergySite) {
  const s = site.spec;
  return {
    solar: s.solarKwp > 0,
    solar_type: 'pv_panel',
    battery: s.powerwalls > 0,
    battery_type: 'ac_powerwall',
    grid: true,
    backup: true,
    gateway: 'teg',
    load_meter: true,
    market_type: 'residential',
    tou_capable: true,
    storm_mode_capable: true,
    configurable: true,
    grid_services_enabled: false,
    customer_preferred_export_rule: 'pv_only',
    wall_connectors: s.wallConnectors.map((wc) => ({
      device_id: wc.deviceId,
      din: wc.din,
      part_name: 'Gen 3 Wall Connector',
      is_active: true,
    })),
  };
}

/** site_info; `nameplate_power` is the Powerwalls' rated power (as Tesla sends it), not the solar array's. */
export function siteInfo(site: EnergySite) {
  const s = site.spec;
  return {
    id: s.gatewaySiteId,
    site_name: s.siteName,
    backup_reserve_percent: s.backupReservePercent,
    default_real_mode: 'self_consumption',
    installation_date: formatIsoLocal(s.timeZone, site.history.origin),
    installation_time_zone: s.timeZone,
    version: '25.10.1 a1b2c3d4',
    battery_count: s.powerwalls,
    nameplate_power: s.powerwalls * POWERWALL_W,
    nameplate_energy: s.powerwalls * POWERWALL_WH,
    max_site_meter_power_ac: 1_000_000_000,
    min_site_meter_power_ac: -1_000_000_000,
    vpp_backup_reserve_percent: s.backupReservePercent,
    user_settings: {
      storm_mode_enabled: true,
      sync_grid_alert_enabled: true,
      breaker_alert_enabled: true,
      powerwall_onboarding_settings_set: true,
    },
    components: {
      ...components(site),
      gateways: [
        {
          device_id: 'gw-1',
          din: `1232100-00-E--TG${s.gatewaySiteId.replace(/\D/g, '').slice(-12)}`,
          part_name: 'Tesla Backup Gateway 2',
          is_active: true,
        },
      ],
      batteries: Array.from({ length: s.powerwalls }, (_, i) => ({
        device_id: `pw-${i + 1}`,
        din: `2012170-25-E--TG${String(1000000000 + i)}`,
        part_name: 'Powerwall 2',
        nameplate_max_charge_power: POWERWALL_W,
        nameplate_max_discharge_power: POWERWALL_W,
        nameplate_energy: POWERWALL_WH,
      })),
    },
    tou_settings: { optimization_strategy: 'economics', schedule: [] },
  };
}

/** Energy entry of /products (§4.1); `energy_site_id` as bigint → bare JSON integer. */
export function energyProduct(site: EnergySite) {
  const s = site.spec;
  return {
    energy_site_id: BigInt(s.energySiteId),
    resource_type: 'battery',
    site_name: s.siteName,
    id: s.gatewaySiteId,
    gateway_id: `1232100-00-E--TG${s.gatewaySiteId.replace(/\D/g, '').slice(-12)}`,
    asset_site_id: `c0ffee00-${s.energySiteId.slice(-4)}-4000-8000-${s.energySiteId.slice(-12)}`,
    warp_site_number: s.gatewaySiteId,
    percentage_charged: Math.round(site.percentCharged() * 1e6) / 1e6,
    battery_type: 'ac_powerwall',
    backup_capable: true,
    battery_power: Math.round(site.powers.batteryW),
    storm_mode_enabled: true,
    powerwall_onboarding_settings_set: true,
    sync_grid_alert_enabled: true,
    breaker_alert_enabled: true,
    components: components(site),
    features: { rate_plan_manager_no_pricing_constraint: true },
  };
}
