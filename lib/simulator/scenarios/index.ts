import type { Scenario } from '../scenario-types';
import { commuter } from './commuter';
import { solarHome } from './solar-home';
import { twoCars } from './two-cars';

export { commuter, solarHome, twoCars };

/** Shipped scenarios by name (`SIMULATOR_SCENARIO`). */
export const SCENARIOS = { commuter, 'two-cars': twoCars, 'solar-home': solarHome } as const satisfies Record<string, Scenario>;
export type ScenarioName = keyof typeof SCENARIOS;

export function isScenarioName(name: string): name is ScenarioName {
  return Object.hasOwn(SCENARIOS, name);
}
