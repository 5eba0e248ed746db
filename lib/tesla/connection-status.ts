import 'server-only';
import type { Db } from '@/db/client';
import type { Env } from '@/lib/env';
import type { FleetRegion } from '@/lib/fleet-api';
import { billingLockOf, effectiveScopes, readAccount, updateAccount, type BillingLock } from './account-store';
import type { ProbeResult } from './connect';
import { REQUIRED_SCOPES } from './oauth-flow';

/**
 * The settings page's checklist for connecting a real Tesla account, one entry per step, each with
 * its state and, when it is not done, the reason and what to do. Facts come from the environment
 * (client id, public key), the owner row (tokens, scopes, region) and `user_config.settings.teslaPartner`
 * (written by `npm run tesla:setup -- --record` after a successful partner registration); an optional
 * live probe (one free call) confirms the connection and explains a 412 / 421 / 403.
 * `billingLock`: Tesla disabled the app for exceeding its billing limit (pages say so in a banner).
 */
export type StepId = 'client' | 'key' | 'partner' | 'account' | 'scopes';
/** `skipped`: the step does not apply in this mode (the public key in the demo). */
export type StepState = 'ok' | 'failed' | 'pending' | 'skipped';
export type ConnectionStep = { id: StepId; label: string; state: StepState; detail: string };
export type PartnerRecord = { domain: string; regions: Partial<Record<FleetRegion, string>> };
export type TeslaConnectionReport = {
  mode: 'live' | 'simulator';
  connected: boolean;
  region: FleetRegion | null;
  scopes: string[];
  missingScopes: string[];
  steps: ConnectionStep[];
  billingLock: BillingLock | null;
};

/** What the owner loses without a scope, said beside it (location: issue 13, known difference 2). */
export const SCOPE_COSTS: Record<string, string> = {
  vehicle_location:
    'Without vehicle_location Tesla refuses location: no places, no maps, no home detection and no solar share of home charges (except the charges your Tesla Wall Connector reports); battery, odometer, drives and charging are still recorded.',
  vehicle_device_data: 'Without vehicle_device_data Tesla refuses all vehicle data: no drives, charges or battery.',
  energy_device_data: 'Without energy_device_data Tesla refuses the energy site: no Powerwall, solar or home figures.',
  offline_access: 'Without offline_access Tesla gives no refresh token: the connection ends after 8 hours.',
};

export async function readPartnerRecord(db: Db): Promise<PartnerRecord | undefined> {
  const raw = (await readAccount(db))?.settings?.teslaPartner as PartnerRecord | undefined;
  return raw && typeof raw.domain === 'string' && raw.regions && typeof raw.regions === 'object' ? raw : undefined;
}

/** Records a successful `POST /api/1/partner_accounts` for `region` (merged into settings, other keys kept). */
export async function recordPartnerRegistration(db: Db, p: { domain: string; region: FleetRegion; at: Date }): Promise<void> {
  const previous = await readPartnerRecord(db);
  const regions = previous?.domain === p.domain ? { ...previous.regions } : {};
  regions[p.region] = p.at.toISOString();
  const record: PartnerRecord = { domain: p.domain, regions };
  const row = await readAccount(db);
  await updateAccount(db, { settings: { ...row?.settings, teslaPartner: record } });
}

export async function getConnectionReport(o: {
  db: Db;
  env: Env;
  mode: 'live' | 'simulator';
  clientId?: string;
  probe?: ProbeResult;
}): Promise<TeslaConnectionReport> {
  const row = await readAccount(o.db);
  const partner = await readPartnerRecord(o.db);
  const connected = Boolean(row?.teslaRefreshTokenEncrypted);
  const region = (row?.teslaRegion as FleetRegion | null | undefined) ?? null;
  const scopes = row?.teslaScopes ?? [];
  // A scope Tesla refused although the token lists it (location) counts as missing too.
  const granted = effectiveScopes(row) ?? [];
  const missingScopes = connected ? REQUIRED_SCOPES.filter((s) => !granted.includes(s)) : [];
  const failed = o.probe && !o.probe.ok ? o.probe : undefined;
  const sim = o.mode === 'simulator';
  const steps: ConnectionStep[] = [];

  steps.push(
    o.clientId
      ? {
          id: 'client',
          label: 'Tesla developer app',
          state: 'ok',
          detail: sim
            ? 'The demo uses the simulator’s own client id.'
            : `TESLA_CLIENT_ID is set${o.env.TESLA_CLIENT_SECRET ? ' with its secret' : ''}.`,
        }
      : {
          id: 'client',
          label: 'Tesla developer app',
          state: 'pending',
          detail: 'Set TESLA_CLIENT_ID and TESLA_CLIENT_SECRET from your app on developer.tesla.com.',
        },
  );
  steps.push(
    o.env.TESLA_PUBLIC_KEY
      ? { id: 'key', label: 'Public key served', state: 'ok', detail: 'Served at /.well-known/appspecific/com.tesla.3p.public-key.pem.' }
      : {
          id: 'key',
          label: 'Public key served',
          state: sim ? 'skipped' : 'pending',
          detail: sim
            ? 'Not needed for the demo. For a real account run npm run tesla:setup and set TESLA_PUBLIC_KEY.'
            : 'Run npm run tesla:setup and set TESLA_PUBLIC_KEY to the key it prints.',
        },
  );
  const registered = partner ? (Object.keys(partner.regions) as FleetRegion[]) : [];
  if (failed?.step === 'partner') steps.push({ id: 'partner', label: 'Partner registered', state: 'failed', detail: failed.reason });
  else if (o.probe?.ok || (region && registered.includes(region)) || (!region && registered.length > 0) || sim) {
    const where = registered.length > 0 ? ` (${partner!.domain}: ${registered.map((r) => r.toUpperCase()).join(', ')})` : '';
    steps.push({
      id: 'partner',
      label: 'Partner registered',
      state: 'ok',
      detail: sim && registered.length === 0 ? 'The simulator needs no registration.' : `Registered${where}.`,
    });
  } else {
    steps.push({
      id: 'partner',
      label: 'Partner registered',
      state: 'pending',
      detail: 'Run npm run tesla:setup -- --domain <your domain> --region <na|eu> --record after deploying the public key.',
    });
  }
  if (!connected) {
    const detail = failed?.step === 'account' ? failed.reason : 'Connect with Tesla, or paste a refresh token.';
    steps.push({ id: 'account', label: 'Account connected', state: failed?.step === 'account' ? 'failed' : 'pending', detail });
  } else if (failed?.step === 'account') {
    steps.push({ id: 'account', label: 'Account connected', state: 'failed', detail: failed.reason });
  } else {
    steps.push({
      id: 'account',
      label: 'Account connected',
      state: 'ok',
      detail: `Connected${region ? ` (region ${region.toUpperCase()})` : ''}${o.probe?.ok ? ', checked just now' : ''}.`,
    });
  }
  if (!connected) steps.push({ id: 'scopes', label: 'Scopes granted', state: 'pending', detail: 'Shown once an account is connected.' });
  else if (failed?.step === 'scopes') steps.push({ id: 'scopes', label: 'Scopes granted', state: 'failed', detail: failed.reason });
  else if (missingScopes.length > 0) {
    steps.push({
      id: 'scopes',
      label: 'Scopes granted',
      state: 'failed',
      detail: [
        `Missing scope${missingScopes.length > 1 ? 's' : ''}: ${missingScopes.join(', ')}.`,
        ...missingScopes.flatMap((s) => (SCOPE_COSTS[s] ? [SCOPE_COSTS[s]] : [])),
        `Connect with Tesla again and allow ${missingScopes.includes('vehicle_location') ? 'location access' : 'them'}.`,
      ].join(' '),
    });
  } else steps.push({ id: 'scopes', label: 'Scopes granted', state: 'ok', detail: `Granted: ${scopes.join(', ')}.` });

  return { mode: o.mode, connected, region, scopes, missingScopes, steps, billingLock: billingLockOf(row) };
}
