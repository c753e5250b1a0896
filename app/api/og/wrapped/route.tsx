import { ImageResponse } from "next/og";
import { z } from "zod";
import { userRoute } from "@/lib/http/route";
import { formatCount, formatMinutes } from "@/lib/format/numbers";
import { formatHourOfDay } from "@/lib/format/dates";
import { loadYearSummary } from "@/components/wrapped/load-year";
import { parseYearParam } from "@/components/wrapped/year-summary";

export const dynamic = "force-dynamic";

const shareQuery = z.object({
  year: z.string().transform((text, context) => {
    const year = parseYearParam(text);
    if (year === null) {
      context.addIssue({ code: "custom", message: "year must be a four-digit year between 2000 and 2100" });
      return z.NEVER;
    }
    return year;
  }),
});

const LOCALE = "en-US"; // the image is shared beyond its owner: one neutral locale

/** The signed-in user's year in review as a 1200×630 PNG, rendered on the server. */
export const GET = userRoute({ query: shareQuery }, async ({ user, query }) => {
  const summary = await loadYearSummary(user, query.year);
  // A figure not known (yet) is left out, as on the page, not shown as a placeholder.
  const rows = (
    [
      ["Top artist", summary.topArtist?.name],
      ["Top song", summary.topTrack?.name],
      ["Top genre", summary.topGenre?.name],
      ["Longest streak", `${formatCount(summary.longestStreak.days, LOCALE)} days`],
      ["New artists", formatCount(summary.newArtists, LOCALE)],
      ["Busiest hour", summary.busiestHour ? formatHourOfDay(summary.busiestHour.hour, LOCALE) : undefined],
    ] as [string, string | undefined][]
  ).filter((row): row is [string, string] => row[1] !== undefined);
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
        <div style={{ display: "flex", fontSize: 30, fontWeight: 700, letterSpacing: 4, opacity: 0.85 }}>{`ENCORE · ${summary.year} WRAPPED · ${user.displayName}`.slice(0, 70)}</div>
        <div style={{ display: "flex", alignItems: "baseline", marginTop: 28 }}>
          <div style={{ fontSize: 120, fontWeight: 800, letterSpacing: -4 }}>{formatMinutes(summary.msListened, LOCALE)}</div>
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
    { width: 1200, height: 630 },
  );
});
