/**
 * Runs once when a server instance starts (next start, next dev, a Vercel function instance).
 * The server itself applies migrations, so no other process ever opens the embedded PGlite folder.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { onServerStart } = await import('./lib/server-start');
  await onServerStart();
}
