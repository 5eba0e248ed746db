import type { EnergyStateRow } from '@/db/queries/energy';

export type FlowNode = 'solar' | 'powerwall' | 'grid' | 'home' | 'car';
/** One edge of the diagram: `in` = into the house's bus (a source), `out` = out of it (a sink). */
export type Flow = { node: FlowNode; watts: number; direction: 'in' | 'out' | 'idle'; words: string };

/** Below this a flow is shown as idle (sensor noise, standby). */
const IDLE_W = 20;

/**
 * The live_status snapshot as five directed flows around the house's bus. Tesla's signs:
 * battery_power > 0 = Powerwall discharging (a source), < 0 = charging (a sink); grid_power > 0 =
 * importing (a source), < 0 = exporting (a sink). load_power includes the Wall Connector, so the
 * home's own use is load − wall connector.
 */
export function energyFlows(
  s: Pick<EnergyStateRow, 'solarPowerW' | 'batteryPowerW' | 'gridPowerW' | 'loadPowerW' | 'wallConnectorPowerW'>,
  fmt: (w: number) => string,
): Flow[] {
  const solar = Math.max(0, s.solarPowerW ?? 0);
  const battery = s.batteryPowerW ?? 0;
  const grid = s.gridPowerW ?? 0;
  const car = Math.max(0, s.wallConnectorPowerW ?? 0);
  const home = Math.max(0, (s.loadPowerW ?? 0) - car);
  const flow = (node: FlowNode, watts: number, ifIn: string, ifOut: string, ifIdle: string): Flow => {
    const abs = Math.abs(watts);
    if (abs < IDLE_W) return { node, watts: 0, direction: 'idle', words: ifIdle };
    return watts > 0
      ? { node, watts: abs, direction: 'in', words: `${ifIn} ${fmt(abs)}` }
      : { node, watts: abs, direction: 'out', words: `${ifOut} ${fmt(abs)}` };
  };
  return [
    flow('solar', solar, 'Solar producing', '', 'Solar not producing'),
    flow('powerwall', battery, 'Powerwall discharging', 'Powerwall charging', 'Powerwall idle'),
    flow('grid', grid, 'Importing from the grid', 'Exporting to the grid', 'Grid idle'),
    flow('home', -home, '', 'Home using', 'Home using nothing'),
    flow('car', -car, '', 'Car charging', 'Car not charging'),
  ];
}

/** Tesla's grid_status: 'Active' = connected; anything else (Inactive, islanded) = off the grid. */
export const gridConnected = (status: string | null) => (status == null ? null : /^(Active|SystemGridConnected)$/i.test(status));
