import { offsetMiles, type LatLon } from '../geo';
import type { DrivePattern, OutingSpec, PlaceSpec, VehicleSpec } from '../scenario-types';

/** Shared pieces of the shipped scenarios: places around a home and typical weekly patterns. */

export function placesAround(
  home: LatLon,
  opts: {
    work: [number, number];
    supercharger: [number, number];
    destination: [number, number];
    sc: NonNullable<PlaceSpec['supercharger']>;
    workNoSignal: number;
  },
): PlaceSpec[] {
  const at = (n: number, e: number) => offsetMiles(home, n, e);
  return [
    { id: 'home', name: 'Home', kind: 'home', ...home },
    { id: 'work', name: 'Office', kind: 'work', ...at(...opts.work), noSignalChance: opts.workNoSignal },
    { id: 'office-2', name: 'Client office', kind: 'work', ...at(opts.work[1] * 0.8, -opts.work[0] * 0.9) },
    { id: 'shop-1', name: 'Supermarket', kind: 'shop', ...at(1.6, 1.1) },
    { id: 'shop-2', name: 'DIY store', kind: 'shop', ...at(-2.8, 2.5) },
    { id: 'gym', name: 'Gym', kind: 'leisure', ...at(0.9, -2.2) },
    { id: 'park', name: 'Lake park', kind: 'leisure', ...at(-6.5, -4.1) },
    { id: 'supercharger', name: 'Supercharger', kind: 'supercharger', ...at(...opts.supercharger), supercharger: opts.sc },
    { id: 'destination', name: 'Family', kind: 'destination', ...at(...opts.destination) },
  ];
}

const commute: OutingSpec = { to: ['work'], depart: [440, 485], stayMinutes: [500, 560] };
const saturday: OutingSpec[] = [
  { to: ['shop-1', 'shop-2'], depart: [570, 660], stayMinutes: [25, 80] },
  { to: ['park', 'gym'], depart: [840, 930], stayMinutes: [60, 180], probability: 0.5 },
];
const sunday: OutingSpec[] = [{ to: ['park', 'shop-1'], depart: [630, 720], stayMinutes: [60, 150], probability: 0.6 }];

/** Two drives on weekdays, errands at weekends, one Saturday road trip a month. */
export const commuterPattern: DrivePattern = {
  week: [sunday, [commute], [commute], [commute], [commute], [commute], saturday],
  monthlyRoadTrip: {
    superchargerId: 'supercharger',
    destinationId: 'destination',
    depart: [480, 540],
    stayMinutes: [180, 300],
    chargeToSoc: 80,
    weekday: 6,
  },
};

/** Part-time office Tue/Thu, gym or shopping around midday otherwise, an outing at weekends. */
export const partTimePattern: DrivePattern = {
  week: [
    [{ to: ['park'], depart: [900, 960], stayMinutes: [90, 150], probability: 0.7 }],
    [{ to: ['gym', 'shop-1'], depart: [690, 750], stayMinutes: [45, 90] }],
    [{ to: ['office-2'], depart: [500, 560], stayMinutes: [420, 480] }],
    [{ to: ['gym', 'shop-2'], depart: [690, 750], stayMinutes: [45, 90], probability: 0.8 }],
    [{ to: ['office-2'], depart: [500, 560], stayMinutes: [420, 480] }],
    [{ to: ['shop-1'], depart: [1020, 1080], stayMinutes: [20, 40] }],
    [{ to: ['shop-2', 'park'], depart: [600, 720], stayMinutes: [60, 120] }],
  ],
};

/** Works from home: short morning/afternoon errands, back before or after the solar peak. */
export const homebodyPattern: DrivePattern = {
  week: [0, 1, 2, 3, 4, 5, 6].map((d) =>
    d === 0 || d === 6
      ? [{ to: ['park', 'shop-2'], depart: [570, 690], stayMinutes: [90, 180], probability: 0.7 }]
      : [
          { to: ['shop-1', 'gym'], depart: [480, 540], stayMinutes: [30, 70], probability: 0.5 },
          { to: ['shop-2', 'gym', 'park'], depart: [990, 1050], stayMinutes: [45, 120], probability: 0.5 },
        ],
  ),
};

/** Spec defaults of a Model Y Long Range. */
export const modelY: Pick<
  VehicleSpec,
  'carType' | 'trimBadging' | 'wheelType' | 'capacityKwh' | 'ratedRangeMiles' | 'massKg' | 'cdA' | 'maxAcKw' | 'maxDcKw'
> = {
  carType: 'modely',
  trimBadging: '74d',
  wheelType: 'Gemini19',
  capacityKwh: 75,
  ratedRangeMiles: 310,
  massKg: 2000,
  cdA: 0.6,
  maxAcKw: 11.5,
  maxDcKw: 250,
};

/** Spec defaults of a Model 3 Standard Range Plus. */
export const model3: typeof modelY = {
  carType: 'model3',
  trimBadging: '50',
  wheelType: 'Pinwheel18CapKit',
  capacityKwh: 54,
  ratedRangeMiles: 263,
  massKg: 1760,
  cdA: 0.5,
  maxAcKw: 7.7,
  maxDcKw: 170,
};
