import type { Scenario } from '../scenario-types';
import { homebodyPattern, modelY, placesAround } from './building-blocks';

/** NA solar household near Denver: 8 kWp, 2 Powerwalls, car works from home and charges from 10:00. */
export const solarHome: Scenario = {
  name: 'solar-home',
  description: '8 kWp solar, 2 Powerwalls, shaped base load; a Model Y mostly at home, scheduled to charge mid-day.',
  account: {
    region: 'na',
    email: 'robin.sun@example.com',
    fullName: 'Robin Sun',
    userUuid: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
    userId: '5566778899',
    locale: 'en-US',
  },
  places: placesAround(
    { lat: 39.7392, lon: -104.9903 },
    {
      work: [6, 9],
      supercharger: [-40, 8],
      destination: [-65, 3],
      workNoSignal: 0,
      sc: { pricePerKwh: 0.44, currency: 'USD', countryCode: 'US', maxKw: 250 },
    },
  ),
  climate: { meanC: 10.5, seasonalAmpC: 11, diurnalAmpC: 8, sunnyShare: 0.7, partlyShare: 0.2 },
  vehicles: [
    {
      ...modelY,
      vin: '7SAYGDEF2RF246810',
      idS: '3744461000004242',
      vehicleId: '1600004242',
      displayName: 'Sunny',
      exteriorColor: 'SolidBlack',
      firmware: '2025.44.3 1a2b3c4d5e6f',
      gui: { distance: 'mi/hr', temperature: 'F' },
      euVehicle: false,
      chargeLimitSoc: 90,
      initialSoc: 61,
      initialOdometerMiles: 9_410.3,
      homeCharging: {
        wallConnectorDin: '1529455-02-E--PGT00000004242',
        volts: 240,
        amps: 24,
        phases: 1,
        plugIn: 'always',
        scheduledStartMinutes: 600,
      },
      pattern: homebodyPattern,
    },
  ],
  site: {
    energySiteId: '2252000000009012',
    siteName: 'Sun House',
    gatewaySiteId: 'STE20240301-00311',
    timeZone: 'America/Denver',
    solarKwp: 8,
    powerwalls: 2,
    backupReservePercent: 30,
    initialBatteryPercent: 70,
    homeLoad: { baseW: 280, peakW: 1100, thermalWPerC: 50 },
    wallConnectors: [{ din: '1529455-02-E--PGT00000004242', deviceId: 'wc-4242' }],
    outages: { per30Days: 1, minutes: [20, 120] },
  },
};
