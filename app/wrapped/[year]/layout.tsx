import { notFound } from "next/navigation";
import { parseYearParam } from "@/components/wrapped/year-summary";

/** A path that is no year is a missing page: refused here, above the loading skeleton, so the status is a real 404. */
export default async function WrappedYearLayout({ children, params }: { children: React.ReactNode; params: Promise<{ year: string }> }) {
  if (parseYearParam((await params).year) === null) notFound();
  return children;
}
