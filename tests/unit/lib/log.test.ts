import { describe, expect, it } from 'vitest';
import { log, redact, setLogSink } from '@/lib/log';

describe('log redaction', () => {
  it('masks bearer tokens, JWTs and token fields wherever they appear', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJvd25lciJ9.c2lnbmF0dXJl';
    const text = redact(
      `Authorization: Bearer abc.def-123 body={"refresh_token":"EU_r3fr3sh","access_token":"${jwt}"} url=?code=1&refresh_token=NA_xyz&x=1`,
    );
    for (const secret of ['abc.def-123', 'EU_r3fr3sh', jwt, 'NA_xyz']) expect(text).not.toContain(secret);
    expect(text).toContain('Bearer [redacted]');
    expect(text).toContain('x=1');
  });

  it('sends every line through redaction, including error messages', () => {
    const lines: string[] = [];
    const restore = setLogSink((_, l) => lines.push(l));
    log.error('refresh failed', new Error('invalid_grant for refresh_token=NA_secret123'));
    restore();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('ERROR refresh failed');
    expect(lines[0]).not.toContain('NA_secret123');
  });

  it('keeps the stack trace at error level (redacted too), not below it', () => {
    const lines: string[] = [];
    const restore = setLogSink((_, l) => lines.push(l));
    const err = new Error('refresh failed for refresh_token=NA_secret456');
    log.error('sync crashed', err);
    log.warn('sync slow', err);
    restore();
    expect(lines).toHaveLength(2);
    const [error, warn] = lines as [string, string];
    expect(error).toContain('\n    at ');
    expect(error).toContain('log.test.ts');
    expect(error).not.toContain('NA_secret456');
    expect(warn).not.toContain('\n');
  });
});
