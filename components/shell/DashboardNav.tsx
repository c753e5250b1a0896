"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { NAV_ITEMS } from "@/components/shell/nav-items";
import { rangeSearch } from "@/components/range/range-params";

export function DashboardNav() {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const range = rangeSearch(searchParams);
  return (
    <nav className="dashboard-nav" aria-label="Sections">
      <ul>
        {NAV_ITEMS.map((item) => {
          const current = item.href === "/wrapped" ? pathname.startsWith("/wrapped") : pathname === item.href;
          return (
            <li key={item.href}>
              <Link href={item.keepsRange && range ? `${item.href}?${range}` : item.href} aria-current={current ? "page" : undefined}>
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
