import type { Metadata, Viewport } from "next";
import { cookies } from "next/headers";
import { THEME_COOKIE, themeOf } from "@/components/shell/theme";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Encore", template: "%s · Encore" },
  description: "Your Spotify listening, wrapped any day of the year.",
  icons: { icon: "/icon.svg" },
};

export const viewport: Viewport = { themeColor: "#0b0d10", width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Dark unless the reader chose light (the toggle's cookie), set on the server so the first paint is right.
  const theme = themeOf((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html lang="en" data-theme={theme}>
      <body>{children}</body>
    </html>
  );
}
