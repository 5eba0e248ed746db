import type { Scenario, SiteSpec } from '../scenario-types';

/**
 * The second energy site of `ApiOptions.secondEnergySite`: a holiday home in another time zone with
 * 4 kWp of solar and one Powerwall but no Wall Connector (the cars never charge there). Its id is
 * the home site's plus one; its name sorts before every shipped home site's ("Holiday home").
 */
export function secondSiteOf(scenario: Scenario): { spec: SiteSpec; lat: number; lon: number } {
  const eu = scenario.account.region === 'eu';
  return {
    spec: {
      energySiteId: (BigInt(scenario.site.energySiteId) + 1n).toString(),
      siteName: 'Holiday home',
      gatewaySiteId: 'STE20230615-00742',
      timeZone: eu ? 'Atlantic/Canary' : 'America/Phoenix',
      solarKwp: 4,
      powerwalls: 1,
      backupReservePercent: 20,
      initialBatteryPercent: 50,
      homeLoad: { baseW: 150, peakW: 500, thermalWPerC: 20 },
      wallConnectors: [],
    },
    ...(eu ? { lat: 28.1, lon: -15.43 } : { lat: 33.45, lon: -112.07 }),
  };
}
