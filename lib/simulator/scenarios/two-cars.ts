import type { Scenario } from '../scenario-types';
import { commuterPattern, model3, modelY, partTimePattern, placesAround } from './building-blocks';

/**
 * NA household near Sacramento: the commuter's Model Y plus a Model 3 with a part-time pattern that
 * only plugs in below 50 %. The Model 3's id exceeds 2^53 (exercises `id_s`/`parseFleetJson`).
 */
export const twoCars: Scenario = {
  name: 'two-cars',
  description: 'Commuting Model Y plus a part-time Model 3 (plugs in below 50 %), two Wall Connectors, 6 kWp + 1 Powerwall.',
  account: {
    region: 'na',
    email: 'alex.twocars@example.com',
    fullName: 'Alex Twocars',
    userUuid: '0b7e9a52-3c1d-4f8e-a9b0-1c2d3e4f5a6b',
    userId: '1122334455',
    locale: 'en-US',
  },
  places: placesAround(
    { lat: 38.5816, lon: -121.4944 },
    {
      work: [4, 17],
      supercharger: [-48, -30],
      destination: [-62, -70],
      workNoSignal: 0.2,
      sc: { pricePerKwh: 0.48, currency: 'USD', countryCode: 'US', maxKw: 250 },
    },
  ),
  climate: { meanC: 16.5, seasonalAmpC: 8.5, diurnalAmpC: 8, sunnyShare: 0.75, partlyShare: 0.15 },
  vehicles: [
    {
      ...modelY,
      vin: '7SAYGDEE8PF123456',
      idS: '3744461000000777',
      vehicleId: '1600000777',
      displayName: 'Daily',
      exteriorColor: 'PearlWhite',
      firmware: '2025.44.3 1a2b3c4d5e6f',
      gui: { distance: 'mi/hr', temperature: 'F' },
      euVehicle: false,
      chargeLimitSoc: 80,
      initialSoc: 66,
      initialOdometerMiles: 24_118.2,
      homeCharging: {
        wallConnectorDin: '1529455-02-E--PGT00000000101',
        volts: 240,
        amps: 48,
        phases: 1,
        plugIn: 'always',
        noPowerChance: 0.02,
      },
      pattern: commuterPattern,
    },
    {
      ...model3,
      vin: '5YJ3E1EA7KF654321',
      idS: '12345678901234567',
      vehicleId: '1600000888',
      displayName: 'Zippy',
      exteriorColor: 'MidnightSilver',
      firmware: '2025.38.9 9f8e7d6c5b4a',
      gui: { distance: 'mi/hr', temperature: 'F' },
      euVehicle: false,
      chargeLimitSoc: 90,
      initialSoc: 58,
      initialOdometerMiles: 51_804.9,
      homeCharging: { wallConnectorDin: '1529455-02-E--PGT00000000102', volts: 240, amps: 32, phases: 1, plugIn: { belowSoc: 50 } },
      pattern: partTimePattern,
    },
  ],
  site: {
    energySiteId: '2252000000005678',
    siteName: 'Twocars Home',
    gatewaySiteId: 'STE20220615-00177',
    timeZone: 'America/Los_Angeles',
    solarKwp: 6,
    powerwalls: 1,
    backupReservePercent: 25,
    initialBatteryPercent: 60,
    homeLoad: { baseW: 300, peakW: 1300, thermalWPerC: 45 },
    wallConnectors: [
      { din: '1529455-02-E--PGT00000000101', deviceId: 'wc-101' },
      { din: '1529455-02-E--PGT00000000102', deviceId: 'wc-102' },
    ],
    outages: { per30Days: 0.5, minutes: [15, 90] },
  },
};
