import { requirePageUser } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export default async function DashboardPage() {
  const user = await requirePageUser();
  return (
    <main style={{ padding: "2rem" }}>
      <h1>Hi, {user.displayName}</h1>
    </main>
  );
}
