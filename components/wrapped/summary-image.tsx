/** A 1200×630 PNG of a year in review or a shared range (the share image and Open Graph card), rendered with next/og. */
import { ImageResponse } from "next/og";

export type SummaryImage = {
  /** The line at the top: "ENCORE · 2025 WRAPPED · Ada". */
  heading: string;
  minutes: string;
  rows: [label: string, value: string][];
};

export function summaryImageResponse({ heading, minutes, rows }: SummaryImage, init?: ResponseInit): ImageResponse {
  return new ImageResponse(
    (
      <div
        style={{
          width: "100%",
          height: "100%",
          display: "flex",
          flexDirection: "column",
          padding: 64,
          color: "#fff",
          backgroundImage: "linear-gradient(135deg, #1db954 0%, #0b0d10 55%, #3b2a8f 100%)",
        }}
      >
        <div style={{ display: "flex", fontSize: 30, fontWeight: 700, letterSpacing: 4, opacity: 0.85 }}>{heading.slice(0, 70)}</div>
        <div style={{ display: "flex", alignItems: "baseline", marginTop: 28 }}>
          <div style={{ fontSize: 120, fontWeight: 800, letterSpacing: -4 }}>{minutes}</div>
          <div style={{ fontSize: 40, marginLeft: 20, opacity: 0.9 }}>minutes listened</div>
        </div>
        <div style={{ display: "flex", flexWrap: "wrap", marginTop: 36 }}>
          {rows.map(([label, value]) => (
            <div key={label} style={{ display: "flex", flexDirection: "column", width: "33%", marginBottom: 28, paddingRight: 24 }}>
              <div style={{ fontSize: 24, opacity: 0.75 }}>{label}</div>
              <div style={{ fontSize: 36, fontWeight: 700, overflow: "hidden", whiteSpace: "nowrap", textOverflow: "ellipsis" }}>{value}</div>
            </div>
          ))}
        </div>
      </div>
    ),
    { width: 1200, height: 630, ...init },
  );
}
