import { defineConfig } from "vitest/config";

// Two Vitest layers; the third (end-to-end) is Playwright's (playwright.config.ts).
export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    // Hermetic by default: no run sends artist names to musicbrainz.org. Tests of the genres
    // stage turn it on against the MusicBrainz simulator (tests/integration/musicbrainz/).
    env: { GENRES: "spotify" },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          environment: "node",
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/integration/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
