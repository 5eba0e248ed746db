#!/usr/bin/env node
/**
 * CI's dependency check (.ci/run): `npm audit --omit=dev` over the runtime dependencies, failing on
 * a high or critical advisory and naming each one. When the registry cannot be asked for advisories
 * at all (offline, or a mirror without the audit endpoint: it answers 405), the check says loudly
 * that it did not run and does not fail the build: an unreachable service is not a vulnerability.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BLOCKING = new Set(['high', 'critical']);

/**
 * What `npm audit --json` said: `ok` false only for a high or critical advisory in a runtime
 * dependency; `ran` false when no advisories could be fetched. `lines` explain it.
 * @param {any} report the parsed JSON of `npm audit --omit=dev --json`
 * @returns {{ ok: boolean, ran: boolean, lines: string[] }}
 */
export function auditVerdict(report) {
  if (!report || typeof report !== 'object' || typeof report.vulnerabilities !== 'object' || report.vulnerabilities === null) {
    const why = report?.message ?? report?.error?.summary ?? 'no audit report';
    return {
      ok: true,
      ran: false,
      lines: [`npm audit could not fetch advisories (${String(why).slice(0, 200)}): the dependency check did NOT run.`],
    };
  }
  const lines = [];
  for (const [name, v] of Object.entries(report.vulnerabilities)) {
    if (!BLOCKING.has(v?.severity)) continue;
    const via = (Array.isArray(v.via) ? v.via : [])
      .map((x) => (typeof x === 'string' ? `through ${x}` : `${x.title ?? 'advisory'}${x.url ? ` (${x.url})` : ''}`))
      .join('; ');
    lines.push(`${v.severity}: ${name} ${v.range ?? ''} ${via}`.replace(/\s+/g, ' ').trim());
  }
  const counts = report.metadata?.vulnerabilities ?? {};
  const summary = `npm audit (runtime dependencies): ${counts.critical ?? 0} critical, ${counts.high ?? 0} high, ${counts.moderate ?? 0} moderate, ${counts.low ?? 0} low.`;
  return { ok: lines.length === 0, ran: true, lines: [summary, ...lines] };
}

function main() {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const res = spawnSync(npm, ['audit', '--omit=dev', '--json'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  let report;
  try {
    report = JSON.parse(res.stdout || 'null');
  } catch {
    report = { message: (res.stderr || res.error?.message || 'unreadable output').trim().split('\n')[0] };
  }
  const verdict = auditVerdict(report);
  for (const line of verdict.lines) (verdict.ok && verdict.ran ? console.log : console.error)(line);
  process.exit(verdict.ok ? 0 : 1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
