import { getDb } from '@/db';
import { getVehicleSummaries } from '@/db/queries/dashboard';
import { listLocations } from '@/db/queries/locations';
import { PanelEmpty } from './panel';
import { loadPreferences } from './preferences';
import { VehicleCard } from './vehicle-card';
import { lastPlace } from './vehicle-place';

/** One card per vehicle (dashboard and /vehicles). */
export async function VehiclesPanel(props: { headingLevel?: 2 | 3 }) {
  const db = await getDb();
  const [summaries, places, prefs] = await Promise.all([getVehicleSummaries(db), listLocations(db), loadPreferences()]);
  if (summaries.length === 0) {
    return <PanelEmpty>No vehicles yet. Connect your Tesla account in Settings; the next sync adds your cars here.</PanelEmpty>;
  }
  return (
    <div className="grid gap-4 md:grid-cols-2">
      {summaries.map((s) => (
        <VehicleCard key={s.vehicle.id} summary={s} place={lastPlace(s, places)} units={prefs} headingLevel={props.headingLevel} />
      ))}
    </div>
  );
}
