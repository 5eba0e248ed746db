/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite's wasm/data files stay in node_modules instead of being copied into public static media.
  serverExternalPackages: ['@electric-sql/pglite'],
  // The SQL migrations are read from disk at start-up: ship them with every serverless function.
  outputFileTracingIncludes: { '/**': ['./drizzle/**'] },
  poweredByHeader: false,
};

export default nextConfig;
