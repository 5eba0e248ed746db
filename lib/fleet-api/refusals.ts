/**
 * Tesla's 403 answers mean different things and need different remedies (reference §5.1 and its
 * 2026-12 corrections). Both the live client and the simulator read and write them through here.
 *
 * - Missing scopes: `Unauthorized missing scopes` (vehicle-command issue 199), or with the scope
 *   named, e.g. `Unauthorized missing scopes vehicle_location for vehicle data access` (TeslaMate
 *   issue 5419; Home Assistant core issue 154536): a `vehicle_data` call that asks `location_data`
 *   without the `vehicle_location` scope is refused whole.
 * - Billing lock-out: `account disabled: EXCEEDED_LIMIT` (vehicle-command issue 403; TeslaMate
 *   PR 5476): Tesla disabled the app for exceeding its billing limit. No Retry-After; the body has
 *   only `error` (no `response`, no `error_description`).
 */
export const MISSING_SCOPES_ERROR = 'Unauthorized missing scopes';
export const BILLING_LOCKOUT_ERROR = 'account disabled: EXCEEDED_LIMIT';

/** The refusal of `location_data` without the `vehicle_location` scope, word for word. */
export const LOCATION_SCOPE_REFUSAL = `${MISSING_SCOPES_ERROR} vehicle_location for vehicle data access`;

/** True when Tesla's error says the app is disabled for exceeding its billing limit. */
export function isBillingLockout(error: string | null | undefined): boolean {
  return typeof error === 'string' && /EXCEEDED_LIMIT/i.test(error);
}

/**
 * The scopes a "missing scopes" error names: `[]` when it names none, null when the error is not
 * a missing-scopes refusal at all. Scope names are Tesla's snake_case words after the prefix.
 */
export function missingScopesOf(error: string | null | undefined): string[] | null {
  if (typeof error !== 'string') return null;
  const m = /^unauthorized missing scopes?\b(.*)$/i.exec(error.trim());
  if (!m) return null;
  const rest = m[1]!.split(/\bfor\b/i)[0]!;
  return rest.match(/[a-z]+(?:_[a-z]+)+/g) ?? [];
}
