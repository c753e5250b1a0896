import { redirect } from "next/navigation";
import { localDateOf } from "@/lib/stats/local-time";
import { currentPageUser } from "@/components/shell/current-user";

export const dynamic = "force-dynamic";

/** /wrapped: this year's review, in the user's time zone. */
export default async function WrappedIndexPage() {
  const user = await currentPageUser();
  redirect(`/wrapped/${localDateOf(new Date(), user.timeZone).slice(0, 4)}`);
}
