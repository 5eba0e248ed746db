import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditVerdict } from '../../../scripts/audit.mjs';

/**
 * Issue 15, item 10: CI fails on a high or critical advisory in a runtime dependency
 * (`npm audit --omit=dev`, read by scripts/audit.mjs), and says so when no advisories could be had.
 */
const report = (vulnerabilities: Record<string, unknown>, counts: Record<string, number>) => ({
  auditReportVersion: 2,
  vulnerabilities,
  metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, ...counts } },
});

describe('the dependency audit', () => {
  it('fails on a high or critical advisory and names it', () => {
    const v = auditVerdict(
      report(
        {
          'next-auth': {
            name: 'next-auth',
            severity: 'high',
            range: '<5.0.1',
            via: [{ title: 'Session fixation', url: 'https://github.com/advisories/GHSA-xxxx', severity: 'high' }],
          },
          cookie: { name: 'cookie', severity: 'critical', range: '*', via: ['next-auth'] },
        },
        { high: 1, critical: 1 },
      ),
    );
    expect(v.ok).toBe(false);
    expect(v.ran).toBe(true);
    expect(v.lines.join('\n')).toMatch(/high: next-auth <5\.0\.1 Session fixation \(https:\/\/github\.com\/advisories\/GHSA-xxxx\)/);
    expect(v.lines.join('\n')).toMatch(/critical: cookie \* through next-auth/);
  });

  it('passes with moderate or low advisories only, or none', () => {
    expect(auditVerdict(report({ zod: { name: 'zod', severity: 'moderate', via: [] } }, { moderate: 1 })).ok).toBe(true);
    expect(auditVerdict(report({}, {}))).toMatchObject({ ok: true, ran: true });
  });

  it('says it did not run when the registry gives no advisories (offline, or a mirror that answers 405)', () => {
    const v = auditVerdict({ message: '405 Method Not Allowed - POST https://registry.example/-/npm/v1/security/advisories/bulk' });
    expect(v).toMatchObject({ ok: true, ran: false });
    expect(v.lines[0]).toMatch(/405 Method Not Allowed.*did NOT run/);
  });

  it('is part of CI', () => {
    const ci = readFileSync(path.resolve(import.meta.dirname, '../../../.ci/run'), 'utf8');
    expect(ci).toMatch(/^node scripts\/audit\.mjs \|\| audit=\$\?$/m);
  });
});
