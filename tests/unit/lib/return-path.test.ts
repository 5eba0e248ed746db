import { describe, expect, it } from 'vitest';
import { loginUrl, safeReturnPath } from '@/lib/auth/return-path';

describe('safeReturnPath', () => {
  it.each(['/charging', '/charging?page=2&car=1', '/charging/42', '/energy?day=2026-12-07#chart', '/settings'])(
    'keeps the app path %s',
    (p) => {
      expect(safeReturnPath(p)).toBe(p);
    },
  );

  it.each([
    ['another host', '//example.com/x'],
    ['a backslash host', '/\\example.com'],
    ['a backslash later', '/x\\y'],
    ['a scheme', 'https://example.com/'],
    ['a javascript URL', 'javascript:alert(1)'],
    ['a relative path', 'charging'],
    ['whitespace', '/charging\n'],
    ['a tab', '/\t/example.com'],
    ['the login', '/login?next=/x'],
    ['the setup', '/setup'],
    ['the API', '/api/usage'],
    ['nothing', ''],
    ['a non-string', ['/charging']],
    ['a very long path', `/${'a'.repeat(2_001)}`],
  ])('replaces %s by the dashboard', (_, value) => {
    expect(safeReturnPath(value)).toBe('/');
  });
});

describe('loginUrl', () => {
  it('carries the asked-for path, encoded', () => {
    expect(loginUrl('/charging?page=2')).toBe('/login?next=%2Fcharging%3Fpage%3D2');
  });
  it('needs no next for the dashboard or an unsafe path', () => {
    expect(loginUrl('/')).toBe('/login');
    expect(loginUrl('//example.com')).toBe('/login');
    expect(loginUrl(null)).toBe('/login');
  });
});
