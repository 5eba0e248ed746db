'use client';
import { useId, useState } from 'react';
import { z } from 'zod';
import { Field, FormActions, input, secondary } from './form-ui';
import { PlaceMap } from './place-map';
import { nameField, numberField, useJsonForm } from './use-json-form';

export type LocationValue = {
  id: string;
  name: string;
  latitude: number;
  longitude: number;
  radiusM: number;
  tariffId: string | null;
  isHome: boolean;
};
/** The draft (text fields as typed) → the body of POST/PUT /api/locations. */
const Draft = z
  .object({
    name: nameField(),
    latitude: numberField(),
    longitude: numberField(),
    radiusM: numberField(),
    tariffId: z.string().transform((s) => s || null),
    isHome: z.boolean(),
  })
  .strict();
/** A car and where it was last seen (formatted on the server), for "use the car's current position". */
export type CarPosition = { id: string; name: string; position: { latitude: number; longitude: number; at: string } | null };

const EMPTY = { name: '', latitude: '', longitude: '', radiusM: '100', tariffId: '', isHome: false };

/** Adds or edits a named place (POST /api/locations, PUT /api/locations/:id). */
export function LocationForm(props: {
  location?: LocationValue;
  tariffs: { id: string; name: string }[];
  cars: CarPosition[];
  onDone?: () => void;
}) {
  const uid = useId();
  const l = props.location;
  const [v, setV] = useState({
    name: l?.name ?? '',
    latitude: l ? String(l.latitude) : '',
    longitude: l ? String(l.longitude) : '',
    radiusM: String(l?.radiusM ?? 100),
    tariffId: l?.tariffId ?? '',
    isHome: l?.isHome ?? false,
  });
  const set = <K extends keyof typeof v>(k: K, value: (typeof v)[K]) => setV((p) => ({ ...p, [k]: value }));
  const [carId, setCarId] = useState(props.cars[0]?.id ?? '');
  const [positionNote, setPositionNote] = useState<string | null>(null);
  const [picking, setPicking] = useState(false);
  const start = props.cars.find((c) => c.id === carId)?.position ?? props.cars.find((c) => c.position)?.position ?? null;
  function fillFromCar() {
    const car = props.cars.find((c) => c.id === carId);
    if (!car) return;
    if (!car.position) {
      setPositionNote(`No position of ${car.name} is stored yet: it comes with the sync's next reading of the car.`);
      return;
    }
    setV((p) => ({ ...p, latitude: String(car.position!.latitude), longitude: String(car.position!.longitude) }));
    setPositionNote(`Where ${car.name} was last seen, at ${car.position.at}.`);
  }
  const { submit, busy, message, err } = useJsonForm(Draft, l ? `/api/locations/${l.id}` : '/api/locations', {
    method: l ? 'PUT' : 'POST',
    onSaved: () => {
      if (!l) setV(EMPTY);
      props.onDone?.();
    },
  });

  return (
    <form onSubmit={(e) => submit(e, v)} noValidate className="space-y-3" aria-label={l ? `Edit place ${l.name}` : 'Add a place'}>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3">
        <Field id={`${uid}-name`} label="Name" error={err('name')} className="col-span-2 space-y-1 sm:col-span-1">
          <input id={`${uid}-name`} className={input} value={v.name} onChange={(e) => set('name', e.target.value)} />
        </Field>
        <Field id={`${uid}-lat`} label="Latitude" error={err('latitude')}>
          <input
            id={`${uid}-lat`}
            className={input}
            inputMode="decimal"
            value={v.latitude}
            onChange={(e) => set('latitude', e.target.value)}
          />
        </Field>
        <Field id={`${uid}-lon`} label="Longitude" error={err('longitude')}>
          <input
            id={`${uid}-lon`}
            className={input}
            inputMode="decimal"
            value={v.longitude}
            onChange={(e) => set('longitude', e.target.value)}
          />
        </Field>
        {props.cars.length > 0 ? (
          <div className="col-span-2 flex flex-wrap items-end gap-2 sm:col-span-3">
            <Field id={`${uid}-car`} label="Position of" className="min-w-0 space-y-1">
              <select id={`${uid}-car`} className={input} value={carId} onChange={(e) => setCarId(e.target.value)}>
                {props.cars.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </Field>
            <button type="button" className={secondary} onClick={fillFromCar}>
              Use the car’s current position
            </button>
            {positionNote ? (
              <p className="w-full text-xs text-gray-600 dark:text-gray-400" role="status" data-testid="position-note">
                {positionNote}
              </p>
            ) : null}
          </div>
        ) : null}
        <div className="col-span-2 space-y-2 sm:col-span-3">
          <button type="button" className={secondary} aria-expanded={picking} onClick={() => setPicking((p) => !p)}>
            {picking ? 'Hide the map' : 'Pick on the map'}
          </button>
          {picking ? (
            <PlaceMap
              latitude={v.latitude}
              longitude={v.longitude}
              radiusM={v.radiusM}
              start={start}
              onPick={(p) => setV((prev) => ({ ...prev, latitude: String(p.latitude), longitude: String(p.longitude) }))}
            />
          ) : null}
        </div>
        <Field id={`${uid}-radius`} label="Radius (m)" error={err('radiusM')}>
          <input
            id={`${uid}-radius`}
            className={input}
            inputMode="numeric"
            value={v.radiusM}
            onChange={(e) => set('radiusM', e.target.value)}
          />
        </Field>
        <Field id={`${uid}-tariff`} label="Tariff" error={err('tariffId')}>
          <select id={`${uid}-tariff`} className={input} value={v.tariffId} onChange={(e) => set('tariffId', e.target.value)}>
            <option value="">No tariff</option>
            {props.tariffs.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </Field>
        <label className="col-span-2 inline-flex items-center gap-2 self-end text-sm sm:col-span-1">
          <input type="checkbox" checked={v.isHome} onChange={(e) => set('isHome', e.target.checked)} />
          Home (where the Powerwall is: home charges get a solar split)
        </label>
      </div>
      <FormActions busy={busy} submitLabel={l ? 'Save place' : 'Add place'} message={message} onCancel={props.onDone} />
    </form>
  );
}
