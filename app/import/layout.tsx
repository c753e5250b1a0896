import { DashboardShell } from "@/components/shell/DashboardShell";
import { currentPageUser } from "@/components/shell/current-user";

export default async function ImportLayout({ children }: { children: React.ReactNode }) {
  const user = await currentPageUser();
  return <DashboardShell user={user}>{children}</DashboardShell>;
}
