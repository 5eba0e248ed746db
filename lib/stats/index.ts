export type { EnergySegment, GeoPoint, Interval, VehicleStateRow } from './types';
export { haversineM, matchPlace, type NamedLocation, type PlaceMatch } from './places';
export { stateStart, type StateStart, type StateStretch } from './state-start';
export { acPhaseFactor, atSupercharger, chargerKind, wallPowerKw, type ChargerKind } from './charger-power';
export { deriveChargingSessions, powerOverSpan, type DeriveChargingOptions, type DerivedChargingSession } from './charging-sessions';
export { deriveDrives, type DeriveDrivesOptions, type DerivedDrive } from './drives';
export {
  activityIntervals,
  activityTotals,
  idleDrain,
  type ActivityInput,
  type ActivityInterval,
  type ActivityState,
  type IdleDrainDay,
  type IdleDrainInput,
  type StateObservation,
  type TimedActivity,
} from './activity';
export {
  ATTRIBUTION_RULES,
  describeRule,
  splitChargeEnergy,
  type AttributionRule,
  type SiteEnergyBucket,
  type SolarSplit,
  type SolarSplitOptions,
} from './solar-split';
export { bucketsFromLiveStatus, type LiveSample } from './live-buckets';
export { daySoFar, LIVE_HOLD_MS, type DayBucket, type DayEnergyTotals, type DaySoFar } from './day-so-far';
export { dayPowerSeries, type HistoryBucket, type PowerPoint, type PowerSnapshot } from './day-power';
export { chargingCost, type ChargingCost, type ChargingCostInput, type TariffInput } from './charging-cost';
export { CHARGING_EFFICIENCY, efficiencyOf, pricingEnergy, type PricingEnergy, type PricingEnergyInput } from './pricing-energy';
export { periodCovers, priceAt, priceSegments, type PricedEnergy } from './tou';
export {
  reconcileHistories,
  type Enrichment,
  type HistoryAddition,
  type HistorySource,
  type ReconcileInput,
  type SessionRef,
  type SuperchargerSession,
  type WallConnectorSession,
} from './reconcile';
export { adoptExistingKeys } from './session-keys';
export {
  assignDriver,
  DRIVER_ASSIGNMENTS,
  DriverRule,
  DriverRules,
  planAssignments,
  ruleMatches,
  validRules,
  type AssignableDrive,
  type AssignmentChange,
  type DriverAssignment,
  type RuleDrive,
  type RuleDriver,
} from './driver-rules';
export { driverStats, statsOf, type DriverStats, type DriverVehicleTotals } from './driver-stats';
export { bucketResolution, resolutionOf, FINE_BUCKET_MINUTES, type HistoryResolution } from './resolution';
