import type { Metadata, Viewport } from "next";
import { TimeZoneCookie } from "@/components/ui/time-zone";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Rekindle", template: "%s · Rekindle" },
  description: "Client retention for subscription styling services.",
};

export const viewport: Viewport = { themeColor: "#1c1917", width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh font-sans">
        <TimeZoneCookie />
        {children}
      </body>
    </html>
  );
}
