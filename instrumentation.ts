/**
 * Runs once when a server instance starts (next start, next dev, a Vercel function instance).
 * The server itself applies migrations; the only other process that opens the embedded PGlite
 * folder is `npm start`'s demo seeding during a build, which ends before the server starts.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { onServerStart } = await import('./lib/server-start');
  await onServerStart();
}
