// Vitest runs outside React's server condition, where the real `server-only` throws on import.
// The guard itself is enforced by Next's bundler in the app; tests alias it to this empty module.
export {};
