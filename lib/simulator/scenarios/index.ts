import type { Scenario } from '../scenario-types';
import { commuter } from './commuter';
import { realLife } from './real-life';
import { solarHome } from './solar-home';
import { twoCars } from './two-cars';

export { commuter, realLife, solarHome, twoCars };

/** Shipped scenarios by name (`SIMULATOR_SCENARIO`). */
export const SCENARIOS = { commuter, 'two-cars': twoCars, 'solar-home': solarHome, 'real-life': realLife } as const satisfies Record<
  string,
  Scenario
>;
export type ScenarioName = keyof typeof SCENARIOS;

export function isScenarioName(name: string): name is ScenarioName {
  return Object.hasOwn(SCENARIOS, name);
}
