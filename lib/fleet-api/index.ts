/**
 * Tesla Fleet API wire format, shared by the live client and the simulator: hosts per region,
 * path templates, billing categories and prices, and zod schemas for every body the app reads,
 * written from docs/reference fleet-api.md and tolerant where it marks a variant as uncertain.
 */
export * from './hosts';
export * from './paths';
export * from './billing';
export * from './refusals';
export * from './ids';
export * from './schemas';
export * from './lenient';
