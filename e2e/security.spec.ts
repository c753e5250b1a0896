/**
 * SPEC §9 in the browser and over HTTP, against the production build: the security headers on
 * every page and route handler found on disk (tests/helpers/app-routes.ts) and on files, errors
 * and 404s; no framing by another site; no cross-site form changing anything; names from a
 * listening history shown as text and never run; Secure cookies and HSTS behind an HTTPS URL.
 * Every test here (like every spec importing ./support/test) fails on any CSP violation.
 */
import { spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { E2E_APP_PORT } from "../playwright.config";
import { appRoutes, dynamicSegments, exportedMethods, routePath } from "../tests/helpers/app-routes";
import { e2eQuery } from "./support/database";
import { startForeignSite } from "./support/foreign-site";
import { savePageScreenshot } from "./support/screenshot";
import { signInAs } from "./support/sign-in";
import { expect, test, type APIRequestContext, type APIResponse, type Page } from "./support/test";

const APP = `http://127.0.0.1:${E2E_APP_PORT}`;
const FOREIGN_ORIGIN = "https://evil.example";

function policyOf(header: string | undefined): Map<string, string[]> {
  return new Map((header ?? "").split(";").map((part) => part.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
}

/** The SPEC §9 headers of one response; returns its nonce. */
function expectSecurityHeaders(response: APIResponse, label: string): string {
  const headers = response.headers();
  const pathname = new URL(response.url()).pathname;
  expect(headers["x-content-type-options"], label).toBe("nosniff");
  expect(headers["referrer-policy"], label).toBe(pathname.startsWith("/s/") ? "no-referrer" : "strict-origin-when-cross-origin");
  const policy = policyOf(headers["content-security-policy"]);
  expect(policy.get("frame-ancestors"), label).toEqual(["'none'"]);
  expect(policy.get("object-src"), label).toEqual(["'none'"]);
  expect(policy.get("base-uri"), label).toEqual(["'self'"]);
  const scripts = policy.get("script-src") ?? [];
  expect(scripts[0], label).toBe("'self'");
  expect(scripts.slice(1), label).toEqual([expect.stringMatching(/^'nonce-[A-Za-z0-9+/]{22}=='$/)]);
  if ((headers["content-type"] ?? "").startsWith("text/html")) expect(headers["x-frame-options"], label).toBe("DENY");
  // The app under test is served over plain HTTP: no HSTS.
  expect(headers["strict-transport-security"], label).toBeUndefined();
  return scripts[1];
}

/** Values for the dynamic segments of the app's routes; unknown ones get a value that finds nothing (a 404 carries the headers too). */
function concretePath(pattern: string, values: Record<string, string> = {}): string {
  const filled = Object.fromEntries(dynamicSegments(pattern).map((name) => [name, values[name] ?? { year: "2010", nextauth: "session" }[name] ?? "no-such-id"]));
  return routePath(pattern, filled);
}

async function fetchAll(request: APIRequestContext, signedIn: boolean): Promise<{ label: string; response: APIResponse }[]> {
  const answers: { label: string; response: APIResponse }[] = [];
  for (const route of appRoutes()) {
    const url = concretePath(route.pattern);
    const methods = route.kind === "page" ? ["GET"] : exportedMethods(route.file);
    for (const method of methods) {
      // Signed in, a state-changing request is sent from another site: refused, so it changes nothing.
      const foreign = signedIn && method !== "GET" && method !== "HEAD";
      const response = await request.fetch(url, { method, maxRedirects: 0, headers: foreign ? { origin: FOREIGN_ORIGIN } : {} });
      if (foreign) expect(response.status(), `${method} ${url} from another site`).toBe(403);
      answers.push({ label: `${signedIn ? "signed in" : "anonymous"} ${method} ${url} (${route.file}) → ${response.status()}`, response });
    }
  }
  return answers;
}

test.describe("security headers (SPEC §9)", () => {
  test("every page and route handler on disk, files, errors and 404s carry them, each with its own nonce", async ({ page, request }) => {
    const routes = appRoutes();
    expect(routes.filter((route) => route.kind === "page").length).toBeGreaterThanOrEqual(15);
    expect(routes.filter((route) => route.kind === "handler").length).toBeGreaterThanOrEqual(10);

    const answers = await fetchAll(request, false);
    await signInAs(page, "ada");
    answers.push(...(await fetchAll(page.request, true)));
    // Not routes of app/, but responses all the same: a static file, a script chunk, 404s, errors.
    const chunk = (await (await request.get("/")).text()).match(/\/_next\/static\/[^"]+\.js/)?.[0];
    expect(chunk).toBeTruthy();
    for (const url of ["/icon.svg", chunk!, "/_next/static/no-such-chunk.js", "/no-such-page", "/api/no-such-endpoint", "/s/no-such-share", "/api/stats?range=bogus", "/api/export?format=xml"]) {
      const response = await page.request.get(url, { maxRedirects: 0 });
      answers.push({ label: `signed in GET ${url} → ${response.status()}`, response });
    }

    const nonces = new Set<string>();
    for (const { label, response } of answers) nonces.add(expectSecurityHeaders(response, label));
    expect(nonces.size, "a fresh nonce for every response").toBe(answers.length);
    // What was walked: successes, redirects, client errors and 404s, pages and JSON alike.
    const statuses = new Set(answers.map(({ response }) => response.status()));
    for (const status of [200, 307, 400, 401, 403, 404]) expect(statuses, `a ${status} among the walked responses`).toContain(status);
  });

  test("the page's own scripts run with the nonce, and an injected script or event handler does not", async ({ page, cspViolations }) => {
    await signInAs(page, "ada");
    const response = await page.goto("/dashboard/habits");
    const nonce = policyOf(response?.headers()["content-security-policy"]).get("script-src")?.[1]?.slice(7, -1);
    // Next.js put the nonce on every script of the server's HTML, the inline ones among them (the DOM
    // hides it from the attribute, not from the property); chunks loaded later are the app's own files.
    const scripts = await page.locator("script").evaluateAll((elements) => elements.map((script) => ({ nonce: (script as HTMLScriptElement).nonce, inline: !(script as HTMLScriptElement).src })));
    expect(scripts.filter((script) => script.inline).length).toBeGreaterThan(0);
    for (const script of scripts.filter((candidate) => candidate.inline)) expect(script.nonce).toBe(nonce);
    const html = await (await page.request.get("/dashboard/habits")).text();
    const tags = html.match(/<script\b[^>]*>/g) ?? [];
    expect(tags.length).toBeGreaterThan(0);
    for (const tag of tags) expect(tag).toMatch(/ nonce="[A-Za-z0-9+/]{22}=="/);
    // The app is interactive (hydrated): the theme toggle works.
    await page.getByRole("button", { name: "Switch to light theme" }).click();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
    await page.getByRole("button", { name: "Switch to dark theme" }).click();

    // As if some markup had slipped past React's escaping: none of it runs.
    const ran = await page.evaluate(async () => {
      const flags = window as unknown as Record<string, unknown>;
      const script = document.createElement("script");
      script.textContent = "window.__encoreInjected = 'inline script'";
      document.body.append(script);
      const image = document.createElement("img");
      image.setAttribute("onerror", "window.__encoreInjected = 'event handler'");
      image.src = "/no-such-image.png";
      document.body.append(image);
      await new Promise((resolve) => setTimeout(resolve, 500));
      return flags.__encoreInjected ?? null;
    });
    expect(ran).toBeNull();
    // The browser reported each, and this test expected them (the fixture fails on any other).
    const taken: string[] = [];
    await expect
      .poll(() => {
        taken.push(...cspViolations.take(() => true).map((violation) => violation.directive));
        return [...taken].sort();
      })
      .toEqual(["script-src-attr", "script-src-elem"]);
  });
});

test.describe("another site", () => {
  test("cannot frame Encore: the framed dashboard does not render", async ({ page }) => {
    await signInAs(page, "ada");
    const site = await startForeignSite({
      "/": `<!doctype html><title>Another site</title><h1>Another site</h1>
        <iframe id="own" src="/own" onload="this.dataset.loaded = 'yes'" width="300" height="80"></iframe>
        <iframe id="encore" src="${APP}/dashboard" onload="this.dataset.loaded = 'yes'" width="900" height="500"></iframe>`,
      "/own": "<!doctype html><p id='own-content'>framed fine</p>",
    });
    try {
      const dashboard = page.waitForResponse((response) => response.url() === `${APP}/dashboard`);
      await page.goto(site.origin);
      // The server answered (with the session: same site), and the browser refused to show it.
      expect((await dashboard).status()).toBe(200);
      await expect(page.locator("#encore")).toHaveAttribute("data-loaded", "yes");
      await expect(page.locator("#own")).toHaveAttribute("data-loaded", "yes");
      await expect(page.frameLocator("#own").locator("#own-content")).toHaveText("framed fine");
      // Chromium shows its error page in the frame instead of the dashboard.
      const framed = await (await page.locator("#encore").elementHandle())?.contentFrame();
      expect(framed?.url()).not.toContain(APP);
      await expect(page.frameLocator("#encore").getByText("Ada Listener")).toHaveCount(0);
      await expect(page.frameLocator("#encore").getByRole("heading", { name: "Overview" })).toHaveCount(0);
      await savePageScreenshot(page, "security-framed-by-another-site");
    } finally {
      await site.close();
    }
  });

  test("cannot disconnect, sign out or import for a signed-in listener with a form (refused with 403, nothing changed)", async ({ page }) => {
    await signInAs(page, "chandra");
    const [user] = await e2eQuery<{ id: string }>("SELECT id FROM users WHERE spotify_id = 'chandra'");
    const tokens = async () => Number((await e2eQuery<{ count: string }>("SELECT count(*) FROM spotify_tokens WHERE user_id = $1", [user.id]))[0].count);
    expect(await tokens()).toBe(1);
    const autoSubmit = (action: string, fields = "") =>
      `<!doctype html><form method="post" action="${APP}${action}">${fields}</form><script>document.forms[0].submit()</script>`;
    const site = await startForeignSite({
      "/disconnect": autoSubmit("/api/account/disconnect"),
      "/sign-out": autoSubmit("/api/auth/signout", `<input name="csrfToken" value="guess"><input name="callbackUrl" value="/">`),
      // A form can send any bytes as text/plain: here an import manifest line.
      "/import": `<!doctype html><form method="post" enctype="text/plain" action="${APP}/api/import"><input name='[{"name":"Streaming_History_Audio_2010.json","size":2,"x":"' value='"}]'></form><script>document.forms[0].submit()</script>`,
    });
    const imports = async () => Number((await e2eQuery<{ count: string }>("SELECT count(*) FROM import_jobs WHERE user_id = $1", [user.id]))[0].count);
    const importsBefore = await imports();
    try {
      for (const [attack, target] of [["/disconnect", "/api/account/disconnect"], ["/sign-out", "/api/auth/signout"], ["/import", "/api/import"]]) {
        const answer = page.waitForResponse((response) => response.url() === `${APP}${target}` && response.request().method() === "POST");
        await page.goto(`${site.origin}${attack}`);
        const response = await answer;
        // The browser said where the form came from, and the app refused it.
        expect(response.request().headers()["origin"], attack).toBe(site.origin);
        expect(response.status(), attack).toBe(403);
        await expect(page.locator("body")).toContainText("another site");
      }
      expect(await tokens()).toBe(1);
      expect(await imports()).toBe(importsBefore);
      const session = (await (await page.request.get("/api/auth/session")).json()) as { user?: { name?: string } };
      expect(session.user?.name).toBe("Chandra Iyer");
      await page.goto("/dashboard");
      await expect(page.getByTestId("reauth-banner")).toHaveCount(0);
    } finally {
      await site.close();
    }
  });
});

/** A listening history whose names are markup: a script tag, an event handler, a broken-out attribute. */
const TRACK = `<script>window.__encoreXss = "track"</script>Escaped Song`;
const ARTIST = `<img src="/x.png" onerror="window.__encoreXss = 'artist'">Escaped Artist`;
const ALBUM = `"><svg onload="window.__encoreXss = 'album'"></svg></title><script>window.__encoreXss = "album"</script>`;

function injectedHistory(): object[] {
  return Array.from({ length: 12 }, (_, index) => ({
    ts: new Date(Date.UTC(2010, 2, 1 + index, 20, 0, 0)).toISOString().replace(".000", ""),
    platform: "linux",
    ms_played: 200_000,
    conn_country: "GB",
    master_metadata_track_name: TRACK,
    master_metadata_album_artist_name: ARTIST,
    master_metadata_album_album_name: ALBUM,
    spotify_track_uri: "spotify:track:0e2eXssTrack0000000001",
    episode_name: null,
    episode_show_name: null,
    spotify_episode_uri: null,
    reason_start: "clickrow",
    reason_end: "trackdone",
    shuffle: false,
    skipped: false,
    offline: false,
    offline_timestamp: 1267473600,
  }));
}

async function expectNothingRan(page: Page, label: string): Promise<void> {
  const state = await page.evaluate(() => ({
    flag: (window as unknown as { __encoreXss?: string }).__encoreXss ?? null,
    // The names travel inside Next.js's own (nonced) data scripts as JSON strings; an injected script would start with the payload.
    scripts: [...document.querySelectorAll("script")].filter((script) => script.textContent?.trim().startsWith("window.__encoreXss")).length,
    handlers: document.querySelectorAll("[onerror*='__encoreXss'], [onload*='__encoreXss']").length,
  }));
  expect(state, label).toEqual({ flag: null, scripts: 0, handlers: 0 });
}

test.describe("names from a listening history", () => {
  test("a script tag in a track, artist or album name is shown as text and never runs, on every page, the year in review and its image", async ({ page }) => {
    test.setTimeout(180_000);
    await signInAs(page, "chandra");
    const [user] = await e2eQuery<{ id: string }>("SELECT id FROM users WHERE spotify_id = 'chandra'");
    try {
      await page.goto("/import");
      await page
        .getByLabel("Spotify export (.zip or .json files)")
        .setInputFiles({ name: "Streaming_History_Audio_2010.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(injectedHistory())) });
      await page.getByRole("button", { name: "Upload and preview" }).click();
      await page.getByTestId("import-preview").getByRole("button", { name: "Import 12 plays" }).click();
      await expect(page.getByTestId("import-summary").getByTestId("summary-inserted")).toHaveText("12");
      const [artist] = await e2eQuery<{ id: string }>("SELECT id FROM artists WHERE name = $1", [ARTIST]);
      expect(artist).toBeTruthy();

      // Where the names must appear, as the very text they are.
      const range = "from=2010-01-01&to=2011-01-01";
      const shown: [string, string[]][] = [
        [`/dashboard?${range}`, [TRACK, ARTIST, ALBUM]],
        [`/dashboard/tracks?${range}`, [TRACK]],
        [`/dashboard/artists?${range}`, [ARTIST]],
        [`/dashboard/albums?${range}`, [ALBUM]],
        ["/wrapped/2010", [TRACK, ARTIST]],
      ];
      for (const [url, names] of shown) {
        await page.goto(url);
        for (const name of names) await expect(page.getByText(name, { exact: true }).first(), `${url} shows ${name}`).toBeVisible();
        await expectNothingRan(page, url);
      }
      await savePageScreenshot(page, "security-names-as-text-wrapped");
      await page.goto(`/dashboard?${range}`);
      await savePageScreenshot(page, "security-names-as-text-overview");

      // Every page of the app (found on disk), with the listener's data in range: nothing runs anywhere.
      for (const route of appRoutes().filter((candidate) => candidate.kind === "page")) {
        const url = `${concretePath(route.pattern, { id: route.pattern.includes("/artists/") ? artist.id : "no-such-id" })}?${range}`;
        const response = await page.goto(url);
        expect(response?.status(), url).toBeLessThan(500);
        await expectNothingRan(page, url);
      }

      // The year's image: rendered by next/og from the same names, a PNG with the headers.
      const image = await page.request.get("/api/og/wrapped?year=2010");
      expect(image.status()).toBe(200);
      expect(image.headers()["content-type"]).toBe("image/png");
      expect((await image.body()).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expectSecurityHeaders(image, "the year's image");
      await page.goto("/api/og/wrapped?year=2010");
      await expectNothingRan(page, "the year's image");
      await page.screenshot({ path: test.info().outputPath("security-names-og-image.png") });
      await page.screenshot({ path: "test-results/screenshots/security-names-og-image.png" });
    } finally {
      // Leave Chandra's history as other specs expect it.
      await e2eQuery("DELETE FROM plays WHERE user_id = $1 AND played_at < '2011-01-01'", [user.id]);
      await e2eQuery("DELETE FROM stats_rollup_state WHERE user_id = $1", [user.id]);
    }
  });
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test.describe("behind an HTTPS public URL", () => {
  test("cookies are Secure and HSTS is sent; over plain HTTP neither", async ({ request }) => {
    // The same build, told its public URL is HTTPS (as behind a TLS-terminating proxy).
    const port = await freePort();
    const server = spawn(path.join("node_modules", ".bin", "next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
      env: {
        ...process.env,
        NEXT_TELEMETRY_DISABLED: "1",
        NEXTAUTH_URL: `https://127.0.0.1:${port}`,
        AUTH_SECRET: "e2e-https-auth-secret-not-for-production-0123",
        DATABASE_URL: process.env.E2E_DATABASE_URL,
      },
      stdio: "ignore",
    });
    try {
      const base = `http://127.0.0.1:${port}`;
      await expect(async () => expect((await request.get(`${base}/api/health`)).status()).toBe(200)).toPass({ timeout: 30_000 });
      const home = await request.get(`${base}/`);
      expect(home.headers()["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
      expect(policyOf(home.headers()["content-security-policy"]).has("upgrade-insecure-requests")).toBe(true);
      const csrf = await request.get(`${base}/api/auth/csrf`);
      const cookies = csrf.headersArray().filter((header) => header.name.toLowerCase() === "set-cookie").map((header) => header.value);
      expect(cookies.length).toBeGreaterThan(0);
      for (const cookie of cookies) expect(cookie).toMatch(/^__(Host|Secure)-next-auth\.[^;]+;.*HttpOnly.*; Secure/i);
      for (const cookie of cookies) expect(cookie).toMatch(/SameSite=Lax/i);
    } finally {
      server.kill("SIGTERM");
    }

    // The app under test (plain HTTP on 127.0.0.1): no HSTS, cookies without Secure that work over HTTP.
    const home = await request.get("/");
    expect(home.headers()["strict-transport-security"]).toBeUndefined();
    const csrf = await request.get("/api/auth/csrf");
    const cookies = csrf.headersArray().filter((header) => header.name.toLowerCase() === "set-cookie").map((header) => header.value);
    expect(cookies.length).toBeGreaterThan(0);
    for (const cookie of cookies) {
      expect(cookie).toMatch(/^next-auth\.[^;]+;.*HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Lax/i);
      expect(cookie).not.toMatch(/;\s*Secure/i);
    }
  });
});
