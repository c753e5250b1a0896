import Link from "next/link";
import { Suspense } from "react";
import { cookies, headers } from "next/headers";
import { sessionCollectionFacts, type SessionUser } from "@/lib/auth/session";
import { pickLocale } from "@/lib/format/locale";
import { getDb } from "@/lib/db/client";
import { collectionStatusOf } from "@/lib/collection/status";
import { AppProviders } from "@/components/providers/AppProviders";
import { AuthorizationBanners } from "@/components/shell/AuthorizationBanners";
import { CollectionProgress } from "@/components/collection/CollectionProgress";
import { CollectionStatusProvider } from "@/components/collection/CollectionStatusProvider";
import { DashboardNav } from "@/components/shell/DashboardNav";
import { SignOutButton } from "@/components/shell/SignOutButton";
import { ThemeToggle } from "@/components/shell/ThemeToggle";
import { THEME_COOKIE, themeOf } from "@/components/shell/theme";

/**
 * Header (the user's name, rendered on the server), section navigation and banners around every
 * signed-in page, with the progress of the user's collection while it has work pending.
 */
export async function DashboardShell({ user, children }: { user: SessionUser; children: React.ReactNode }) {
  const locale = pickLocale((await headers()).get("accept-language"));
  const theme = themeOf((await cookies()).get(THEME_COOKIE)?.value);
  // The facts come with the signed-in user (one round trip for both).
  const read = await sessionCollectionFacts();
  const collection = await collectionStatusOf(getDb(), user.id, read?.facts ?? null, read?.readAt ?? new Date());
  return (
    <AppProviders locale={locale}>
      <CollectionStatusProvider initial={collection} timeZone={user.timeZone}>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <div className="shell">
          <header className="shell-header">
            <Link href="/dashboard" className="brand">
              <span className="brand-mark" aria-hidden="true" />
              Encore
            </Link>
            <div className="shell-user">
              <span className="user-name truncate" data-testid="user-name" title={user.displayName}>
                {user.displayName}
              </span>
              <ThemeToggle initial={theme} />
              <SignOutButton />
            </div>
          </header>
          <Suspense fallback={<nav className="dashboard-nav" aria-label="Sections" />}>
            <DashboardNav />
          </Suspense>
          <main id="main" className="shell-main">
            <AuthorizationBanners user={user} />
            <CollectionProgress />
            {children}
          </main>
        </div>
      </CollectionStatusProvider>
    </AppProviders>
  );
}
