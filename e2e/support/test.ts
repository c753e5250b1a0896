/**
 * `test` and `expect` for every end-to-end spec: Playwright's own (a drop-in: same exports), plus a
 * watch for Content-Security-Policy violations. Every browser context a test uses (the `page`
 * fixture's, `browser.newContext()`, `browser.newPage()`, in hooks too) reports each
 * `securitypolicyviolation` event, and a test fails when any was reported since the previous test
 * ended (hooks included) that it did not take as expected (`cspViolations.take`).
 */
import { test as base, expect, type Browser, type BrowserContext } from "@playwright/test";

export * from "@playwright/test";

export type CspViolation = {
  directive: string;
  blockedURI: string;
  documentURI: string;
  sample: string;
  sourceFile: string;
  lineNumber: number;
};

declare global {
  interface Window {
    __encoreReportCspViolation?: (violation: CspViolation) => Promise<void>;
  }
}

/** This worker's reported violations not yet checked by a test. */
let pending: CspViolation[] = [];
const watched = new WeakSet<BrowserContext>();

async function watchContext(context: BrowserContext): Promise<void> {
  if (watched.has(context)) return;
  watched.add(context);
  await context.exposeBinding("__encoreReportCspViolation", (_source, violation: CspViolation) => {
    pending.push(violation);
  });
  // Before any script of the page runs, in every frame; the event reaches the window whether it
  // targets an element or the document.
  await context.addInitScript(() => {
    window.addEventListener(
      "securitypolicyviolation",
      (event) => {
        void window.__encoreReportCspViolation?.({
          directive: event.effectiveDirective,
          blockedURI: event.blockedURI,
          documentURI: event.documentURI,
          sample: event.sample,
          sourceFile: event.sourceFile,
          lineNumber: event.lineNumber,
        });
      },
      true,
    );
  });
}

/** Lets the reports of pages still open arrive (a binding call is a message of its own). */
async function settle(context: BrowserContext): Promise<void> {
  for (const page of context.pages()) await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve))).catch(() => undefined);
}

export type CspViolations = {
  /** Removes and returns the reported violations that match: those a test caused on purpose. */
  take(match: (violation: CspViolation) => boolean): CspViolation[];
};

function describeViolation(violation: CspViolation): string {
  return `${violation.directive} blocked ${violation.blockedURI || "(inline)"} on ${violation.documentURI}${violation.sample ? ` (${violation.sample})` : ""}${violation.sourceFile ? ` at ${violation.sourceFile}:${violation.lineNumber}` : ""}`;
}

export const test = base.extend<{ cspViolations: CspViolations }, { browser: Browser }>({
  // Contexts a test or hook opens itself.
  browser: [
    async ({ browser }, use) => {
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...args: Parameters<Browser["newContext"]>) => {
        const context = await newContext(...args);
        await watchContext(context);
        return context;
      };
      await use(browser);
    },
    { scope: "worker" },
  ],
  context: async ({ context }, use) => {
    await watchContext(context);
    await use(context);
    await settle(context);
  },
  cspViolations: [
    async ({}, use) => {
      await use({
        take(match) {
          const taken = pending.filter(match);
          pending = pending.filter((violation) => !taken.includes(violation));
          return taken;
        },
      });
      const unexpected = pending;
      pending = [];
      expect(unexpected.map(describeViolation), "Content-Security-Policy violations reported by the browser").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
