/**
 * Runs in the browser before the app's own code (Next.js's client instrumentation file).
 * zod 4 probes whether `new Function` works, to compile faster validators; the Content-Security-
 * Policy allows no eval, so the browser refuses the probe and reports a violation on every page
 * that validates something. Validate without compiling instead.
 */
import { z } from "zod";

z.config({ jitless: true });
