import type { Scenario } from '../scenario-types';
import { commuterPattern, modelY, placesAround } from './building-blocks';

/** EU household near Haarlem: Model Y commuting, 11 kW three-phase Wall Connector, 5 kWp + 1 Powerwall. */
export const commuter: Scenario = {
  name: 'commuter',
  description: 'Model Y commuting on weekdays, errands at weekends, a monthly Supercharger road trip; off-peak home charging at 00:30.',
  account: {
    region: 'eu',
    email: 'sam.commuter@example.com',
    fullName: 'Sam Commuter',
    userUuid: '5f0c1c36-8a8b-4d4e-9d7e-0c1b2a3d4e5f',
    userId: '987654',
    locale: 'nl-NL',
  },
  places: placesAround(
    { lat: 52.3801, lon: 4.6406 },
    {
      work: [1.5, 13.5],
      supercharger: [-55, 8],
      destination: [-106, -12],
      workNoSignal: 0.3,
      sc: { pricePerKwh: 0.45, currency: 'EUR', countryCode: 'NL', maxKw: 250 },
    },
  ),
  climate: { meanC: 10.5, seasonalAmpC: 7, diurnalAmpC: 4, sunnyShare: 0.3, partlyShare: 0.4 },
  vehicles: [
    {
      ...modelY,
      vin: 'XP7YGCEK5PB012345',
      idS: '3744461000000001',
      vehicleId: '1600000001',
      displayName: 'Blue Thunder',
      exteriorColor: 'DeepBlue',
      firmware: '2025.44.3 1a2b3c4d5e6f',
      gui: { distance: 'km/hr', temperature: 'C' },
      euVehicle: true,
      chargeLimitSoc: 80,
      initialSoc: 72,
      initialOdometerMiles: 18_342.7,
      homeCharging: {
        wallConnectorDin: '1529455-02-E--PGT00000000001',
        volts: 230,
        amps: 16,
        phases: 3,
        plugIn: 'always',
        scheduledStartMinutes: 30,
        noPowerChance: 0.03,
      },
      pattern: commuterPattern,
    },
  ],
  site: {
    energySiteId: '2252000000001234',
    siteName: 'Home',
    gatewaySiteId: 'STE20230101-00042',
    timeZone: 'Europe/Amsterdam',
    solarKwp: 5,
    powerwalls: 1,
    backupReservePercent: 20,
    initialBatteryPercent: 55,
    homeLoad: { baseW: 220, peakW: 900, thermalWPerC: 35 },
    wallConnectors: [{ din: '1529455-02-E--PGT00000000001', deviceId: 'wc-1' }],
    outages: { per30Days: 0.3, minutes: [10, 60] },
  },
};
