import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The sync's straight line (route → lib/runtime → lib/sync → lib/tesla, db): lib/tesla never imports
 * lib/sync or lib/runtime, and lib/sync never imports lib/runtime, statically or with `import()`.
 */
const root = path.resolve(__dirname, '../../..');
const filesUnder = (dir: string): string[] =>
  readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f))
    .map((f) => path.join(dir, f));
const importsOf = (file: string) =>
  [...readFileSync(path.join(root, file), 'utf8').matchAll(/(?:from|import\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);

describe('import direction', () => {
  it.each([
    ['lib/tesla', /^@\/lib\/(sync|runtime)\b|^\.\.\/(sync|runtime)\b/],
    ['lib/sync', /^@\/lib\/runtime\b|^\.\.\/runtime\b/],
  ])('%s imports nothing upstream of it', (dir, upstream) => {
    const files = filesUnder(dir);
    expect(files.length).toBeGreaterThan(5);
    const offending = files.flatMap((f) =>
      importsOf(f)
        .filter((spec) => upstream.test(spec))
        .map((spec) => `${f} → ${spec}`),
    );
    expect(offending).toEqual([]);
  });
});
