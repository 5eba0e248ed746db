/**
 * Tesla Fleet API simulator: a deterministic account (vehicles + energy site) with a virtual or
 * real clock, served in-process (`createSimulatorFetch`) or over HTTP (`serveSimulator`).
 */
export { Simulator, createSimulator, scenarioByName, DEFAULT_START, type SimulatorOptions } from './simulator';
export { createSimulatorFetch, type FetchLike } from './fetch';
export { VirtualClock, RealClock, type Clock } from './clock';
export { Ledger, type LedgerEntry, type LedgerTotals, type CategoryTotal } from './ledger';
export { DEFAULT_API_OPTIONS, DEFAULT_CLIENT, ALL_SCOPES, type ApiOptions, type ClientOptions } from './options';
export { REAL_WORLD_API_OPTIONS } from './real-world';
export { superchargerPaid } from './handlers/charging-history';
export { DEFAULT_RATE_LIMITS, type RateLimits } from './rate-limit';
export type { FaultOptions, FaultKind } from './faults';
export { STEP_MS } from './world';
export { awakeSummary, type AwakeSummary } from './awake-truth';
export { AWAKE_REASONS } from './ground-truth';
export { SCENARIOS, commuter, twoCars, solarHome, realLife, isScenarioName, type ScenarioName } from './scenarios';
export type * from './scenario-types';
export type * from './life/life-spec';
export type {
  GroundTruthExport,
  TrueDrive,
  TrueCharge,
  TrueInterval,
  TrueWake,
  TrueAwakeStretch,
  AwakeReason,
  OwnAwakeReason,
  TrueOutage,
  HomeChargeSplit,
  VehicleEnergyTotals,
} from './ground-truth';
