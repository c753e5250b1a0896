"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import { preferenceCookie } from "@/components/preference-cookie";

const TIME_ZONE_COOKIE = "encore_tz";

export function SignInButton({ label = "Sign in with Spotify" }: { label?: string }) {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      className="button"
      disabled={pending}
      onClick={() => {
        setPending(true);
        // A new user's time zone defaults to the browser's (SPEC §6 settings).
        document.cookie = preferenceCookie(TIME_ZONE_COOKIE, Intl.DateTimeFormat().resolvedOptions().timeZone, 600);
        void signIn("spotify", { callbackUrl: "/dashboard" });
      }}
    >
      {pending ? "Opening Spotify…" : label}
    </button>
  );
}
