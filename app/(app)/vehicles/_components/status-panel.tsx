import { cache } from 'react';
import { getDb } from '@/db';
import { getVehicleSummaries } from '@/db/queries/dashboard';
import { listLocations } from '@/db/queries/locations';
import type { VehicleRow } from '@/db/queries/vehicles';
import { formatDateTime, formatDistance, formatDuration, formatKwh, formatPercent, formatPower, formatTemperature } from '@/lib/format';
import { Panel, PanelEmpty, Stat } from '../../_components/dashboard/panel';
import { loadPreferences } from '../../_components/dashboard/preferences';
import { lastPlace, placeLabel } from '../../_components/dashboard/vehicle-place';
import { StatusBadge } from '../../_components/dashboard/vehicle-status';
import { VehicleMap } from './vehicle-map';

/** Shared by the status and location panels: read once per request. */
const summaryOf = cache(async (vehicleId: string) => {
  const db = await getDb();
  const [all, places, prefs] = await Promise.all([getVehicleSummaries(db), listLocations(db), loadPreferences()]);
  const s = all.find((x) => x.vehicle.id === vehicleId);
  return { s, place: s ? lastPlace(s, places) : null, prefs };
});

/** State, battery and the charge port's state from the newest sample. */
export async function StatusPanel(props: { vehicle: VehicleRow }) {
  const { s, prefs } = await summaryOf(props.vehicle.id);
  const l = s?.latest;
  return (
    <Panel title="Status" id="status">
      {s ? <StatusBadge status={s.status} since={s.statusSince} observed={s.statusSinceObserved} timeZone={prefs.timeZone} /> : null}
      {l ? (
        <>
          <dl className="mt-3 grid grid-cols-[repeat(auto-fit,minmax(8rem,1fr))] gap-3">
            <Stat label="Battery" value={formatPercent(l.batteryLevel)} testId="detail-battery" />
            <Stat label="Range" value={formatDistance(l.batteryRangeKm, prefs, 0)} testId="detail-range" />
            <Stat label="Odometer" value={formatDistance(l.odometerKm, prefs, 0)} testId="detail-odometer" />
            <Stat label="Outside" value={formatTemperature(l.outsideTempC, prefs)} />
          </dl>
          <h3 className="mt-4 text-sm font-semibold text-gray-900 dark:text-gray-50">Charging</h3>
          <dl className="mt-2 grid grid-cols-[repeat(auto-fit,minmax(8rem,1fr))] gap-3" data-testid="detail-charging">
            <Stat label="Charge port" value={l.chargingState ?? '–'} testId="detail-charging-state" />
            <Stat label="Charge limit" value={formatPercent(l.chargeLimitSoc)} testId="detail-charge-limit" />
            <Stat
              label="Power"
              value={s.status === 'charging' ? formatPower(l.chargerPowerKw == null ? null : l.chargerPowerKw * 1000) : 'not charging'}
            />
            <Stat
              label={s.status === 'charging' ? 'Full in' : 'Added last charge'}
              value={
                s.status === 'charging'
                  ? formatDuration(l.minutesToFull == null ? null : l.minutesToFull * 60_000)
                  : formatKwh(l.chargeEnergyAddedKwh)
              }
            />
          </dl>
          <p className="mt-3 text-xs text-gray-600 dark:text-gray-400">
            Newest sample <time dateTime={l.timestamp.toISOString()}>{formatDateTime(l.timestamp, prefs.timeZone)}</time>
          </p>
        </>
      ) : (
        <PanelEmpty>No data from this car yet. The sync stores a sample the next time the car is awake.</PanelEmpty>
      )}
    </Panel>
  );
}

/** The last known position on a map, with the place name and coordinates in words. */
export async function LocationPanel(props: { vehicle: VehicleRow }) {
  const { s, place } = await summaryOf(props.vehicle.id);
  return (
    <Panel title="Location" id="location">
      {s && place ? (
        <VehicleMap
          latitude={place.latitude}
          longitude={place.longitude}
          label={placeLabel(place)}
          coordinates={`${place.latitude.toFixed(5)}, ${place.longitude.toFixed(5)}`}
        />
      ) : (
        <PanelEmpty>No position known yet. The car reports it with its next sample.</PanelEmpty>
      )}
    </Panel>
  );
}
