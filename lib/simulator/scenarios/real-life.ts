import type { Scenario } from '../scenario-types';
import { commuterPattern, model3, modelY, partTimePattern, placesAround } from './building-blocks';

const updates = (first: string, second: string) => ({
  releases: [
    { version: '2026.2.6 5d3c9a1e7b20', date: first },
    { version: '2026.8.3 0e6b2f48c1a9', date: second },
  ],
  downloadMinutes: [30, 90] as const,
  installMinutes: [25, 45] as const,
  installAtMinutes: 180,
});

/**
 * Perth household in summer (the world starts in January): what real owners do to their cars
 * (issue 14) on top of driving and charging. The commuting Model Y has a slow 30-minute sleep timer
 * and lingers online up to 15 minutes more, keeps Sentry on away from home, preconditions before its
 * scheduled weekday departure and charges from 00:30; the part-time Model 3 sleeps after 15 minutes,
 * is checked in the app often and keeps Dog Mode on at the shops. Both: app opens, Cabin Overheat
 * Protection in the summer sun, two firmware updates, lost signal now and then mid-drive or mid-charge.
 * Australia is served by the NA Fleet API host (Tesla: "North America, Asia-Pacific (excluding China)").
 */
export const realLife: Scenario = {
  name: 'real-life',
  description:
    'Two cars and a solar home with a Powerwall in Perth: app opens, Sentry, scheduled charging and departure, Dog Mode, Cabin Overheat Protection, updates, slow and lingering sleep, lost signal.',
  account: {
    region: 'na',
    email: 'jo.reallife@example.com',
    fullName: 'Jo Reallife',
    userUuid: '3c9d2e71-6b4a-4f0e-8d21-7a5b6c4d3e2f',
    userId: '7788990011',
    locale: 'en-AU',
  },
  places: placesAround(
    { lat: -31.9523, lon: 115.8613 },
    {
      work: [3, 11],
      supercharger: [-45, 12],
      destination: [-95, 8],
      workNoSignal: 0.15,
      sc: { pricePerKwh: 0.69, currency: 'AUD', countryCode: 'AU', maxKw: 250 },
    },
  ),
  climate: { meanC: 18.5, seasonalAmpC: 5.5, diurnalAmpC: 7, sunnyShare: 0.8, partlyShare: 0.12 },
  vehicles: [
    {
      ...modelY,
      vin: 'LRWYGCEK3PC140031',
      idS: '3744461000001401',
      vehicleId: '1600001401',
      displayName: 'Dusty',
      exteriorColor: 'PearlWhite',
      firmware: '2025.44.3 1a2b3c4d5e6f',
      gui: { distance: 'km/hr', temperature: 'C' },
      euVehicle: false,
      chargeLimitSoc: 80,
      initialSoc: 70,
      initialOdometerMiles: 12_406.4,
      sleepAfterMinutes: 30,
      homeCharging: {
        wallConnectorDin: '1529455-02-E--PGT00000001401',
        volts: 230,
        amps: 32,
        phases: 1,
        plugIn: 'always',
        scheduledStartMinutes: 30,
      },
      pattern: commuterPattern,
      life: {
        appOpens: { perDay: [2, 5], minutes: [2, 6], beforeDeparture: 0.5 },
        sentry: { exclude: ['home'] },
        scheduledDeparture: { minutes: 460, weekdays: [1, 2, 3, 4, 5], preconditionMinutes: 15 },
        cabinOverheat: { activation: 'High' },
        softwareUpdates: updates('2026-01-22', '2026-03-11'),
        lingerMinutes: [0, 15],
        offlineSpells: { driveChance: 0.08, chargeChance: 0.1, minutes: [5, 25] },
      },
    },
    {
      ...model3,
      vin: 'LRW3E7FA5MC650128',
      idS: '3744461000001402',
      vehicleId: '1600001402',
      displayName: 'Pebble',
      exteriorColor: 'MidnightSilver',
      firmware: '2025.38.9 9f8e7d6c5b4a',
      gui: { distance: 'km/hr', temperature: 'C' },
      euVehicle: false,
      chargeLimitSoc: 90,
      initialSoc: 55,
      initialOdometerMiles: 30_112.8,
      sleepAfterMinutes: 15,
      homeCharging: { wallConnectorDin: '1529455-02-E--PGT00000001402', volts: 230, amps: 32, phases: 1, plugIn: { belowSoc: 50 } },
      pattern: partTimePattern,
      life: {
        appOpens: { perDay: [3, 7], minutes: [1, 4], beforeDeparture: 0.7 },
        climateKeeper: { mode: 'dog', at: ['shop'], chance: 0.5 },
        cabinOverheat: { activation: 'Medium' },
        softwareUpdates: updates('2026-01-29', '2026-03-18'),
        offlineSpells: { driveChance: 0.08, chargeChance: 0.1, minutes: [5, 25] },
      },
    },
  ],
  site: {
    energySiteId: '2252000000001401',
    siteName: 'Reallife Home',
    gatewaySiteId: 'STE20240905-00514',
    timeZone: 'Australia/Perth',
    solarKwp: 6.6,
    powerwalls: 1,
    backupReservePercent: 20,
    initialBatteryPercent: 50,
    homeLoad: { baseW: 260, peakW: 1200, thermalWPerC: 55 },
    wallConnectors: [
      { din: '1529455-02-E--PGT00000001401', deviceId: 'wc-1401' },
      { din: '1529455-02-E--PGT00000001402', deviceId: 'wc-1402' },
    ],
    outages: { per30Days: 0.3, minutes: [10, 60] },
  },
};
