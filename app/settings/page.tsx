import type { Metadata } from "next";
import { listTimeZones } from "@/lib/time-zones";
import { currentPageUser } from "@/components/shell/current-user";
import { TimeZoneSetting } from "@/components/settings/TimeZoneSetting";
import { ExportSetting } from "@/components/settings/ExportSetting";
import { DisconnectSetting } from "@/components/settings/DisconnectSetting";
import { DeleteAccountSetting } from "@/components/settings/DeleteAccountSetting";
import { ShareLinksSetting } from "@/components/settings/ShareLinksSetting";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await currentPageUser();
  return (
    <div className="settings">
      <h1>Settings</h1>
      <TimeZoneSetting current={user.timeZone} zones={listTimeZones()} />
      <ShareLinksSetting timeZone={user.timeZone} />
      <ExportSetting />
      <DisconnectSetting connected={user.connected} />
      <DeleteAccountSetting spotifyId={user.spotifyId} />
    </div>
  );
}
