/**
 * `npm run tesla:setup` – one-time onboarding for a real Tesla account (reference §2.8):
 *   npm run tesla:setup                                   # key pair + what to paste where
 *   npm run tesla:setup -- --domain stats.example.com --region na,eu   # + partner registration
 * Flags: --out <dir> (default $DATA_DIR/tesla-keys; never inside the repository except under DATA_DIR),
 *        --domain <host>, --region na|eu|cn[,…] (default TESLA_REGION when --domain is given),
 *        --record (store successful registrations in the app's database for the settings page).
 * Reads TESLA_CLIENT_ID, TESLA_CLIENT_SECRET, TESLA_AUTH_URL, TESLA_FLEET_API_URL, DATA_DIR.
 * Exit code 1 when a registration failed (412 / 421 reasons are printed).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDb } from '@/db/client';
import { parseEnv } from '@/lib/env';
import { FLEET_REGIONS, type FleetRegion } from '@/lib/fleet-api';
import { normalizeDomain, recordPartnerRegistration, resolveTokenUrl, teslaConfigFromEnvForScripts } from '@/lib/tesla';
// The setup core is deliberately not in lib/tesla's index: its key-file code must stay out of the server bundle.
// eslint-disable-next-line no-restricted-imports
import { runTeslaSetup } from '@/lib/tesla/setup';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      domain: { type: 'string' },
      region: { type: 'string' },
      record: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log('Usage: npm run tesla:setup -- [--out <dir>] [--domain <host> --region na,eu] [--record]');
    return 0;
  }
  const e = parseEnv();
  const dataDir = path.resolve(e.DATA_DIR);
  const out = path.resolve(values.out ?? path.join(dataDir, 'tesla-keys'));
  const repo = process.cwd();
  const inside = (child: string, parent: string) =>
    !path.relative(parent, child).startsWith('..') && !path.isAbsolute(path.relative(parent, child));
  if (inside(out, repo) && !inside(out, dataDir)) {
    console.error(
      `Refusing to write keys into the repository (${out}). Use --out outside it, or under DATA_DIR (${dataDir}, git-ignored).`,
    );
    return 2;
  }
  const domain = values.domain ? normalizeDomain(values.domain) : undefined;
  const regions = (values.region ?? (domain ? e.TESLA_REGION : ''))
    .split(',')
    .map((r) => r.trim().toLowerCase())
    .filter(Boolean);
  const unknown = regions.filter((r) => !(FLEET_REGIONS as readonly string[]).includes(r));
  if (unknown.length > 0) {
    console.error(`Unknown region(s): ${unknown.join(', ')} (use na, eu or cn).`);
    return 2;
  }
  const cfg = teslaConfigFromEnvForScripts(e);
  const handle = values.record ? createDb({ url: e.DATABASE_URL, prepare: e.DATABASE_PREPARE, pgliteDir: e.PGLITE_DIR }) : undefined;
  try {
    const report = await runTeslaSetup(
      {
        out,
        domain,
        regions: regions as FleetRegion[],
        clientId: e.TESLA_CLIENT_ID,
        clientSecret: e.TESLA_CLIENT_SECRET,
        tokenUrl: resolveTokenUrl(cfg),
        fleetApiUrl: e.TESLA_FLEET_API_URL,
      },
      { print: (line) => console.log(line), record: handle ? (r) => recordPartnerRegistration(handle.db, r) : undefined },
    );
    return report.ok ? 0 : 1;
  } finally {
    await handle?.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
