// The root layout: one stylesheet, no client state.
import type { Metadata, Viewport } from "next";
import "@/components/styles.css";

export const metadata: Metadata = { title: "MixStudy", description: "Human evaluation studies of AI mixing assistants" };
export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
