import { cache } from "react";
import { requirePageUser } from "@/lib/auth/session";

/** The signed-in user, read once per request although the layout and the page both ask. */
export const currentPageUser = cache(requirePageUser);
