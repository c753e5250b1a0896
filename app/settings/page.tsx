import type { Metadata } from "next";
import { headers } from "next/headers";
import { listTimeZones } from "@/lib/time-zones";
import { currentPageUser } from "@/components/shell/current-user";
import { TimeZoneSetting } from "@/components/settings/TimeZoneSetting";
import { ExportSetting } from "@/components/settings/ExportSetting";
import { DisconnectSetting } from "@/components/settings/DisconnectSetting";
import { DeleteAccountSetting } from "@/components/settings/DeleteAccountSetting";
import { ShareLinksSetting } from "@/components/settings/ShareLinksSetting";
import { GenresSetting } from "@/components/settings/GenresSetting";
import { getDb } from "@/lib/db/client";
import { pickLocale } from "@/lib/format/locale";
import { getCachedGenreCoverage } from "@/lib/genres";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await currentPageUser();
  const locale = pickLocale((await headers()).get("accept-language"));
  const coverage = await getCachedGenreCoverage(getDb(), user.id);
  return (
    <div className="settings">
      <h1>Settings</h1>
      <TimeZoneSetting current={user.timeZone} zones={listTimeZones()} />
      <ShareLinksSetting timeZone={user.timeZone} />
      <GenresSetting coverage={coverage} locale={locale} timeZone={user.timeZone} />
      <ExportSetting />
      <DisconnectSetting connected={user.connected} />
      <DeleteAccountSetting spotifyId={user.spotifyId} />
    </div>
  );
}
