import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";
import preact from "@preact/preset-vite";
import { readFileSync } from "node:fs";

// the build bakes the package version into events (vite.config.ts); tests see the same value
const { version } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")) as { version: string };
const define = { __MINIGAME_VERSION__: JSON.stringify(version) };

// three projects: pure logic in node, browser-side code in happy-dom, and suites that need
// a real browser, a database or a built bundle (tests/) with room for slower work
export default defineConfig({
  test: {
    // a file more than there are cores (at least three): the integration suites spend much of their time waiting on
    // Chromium, PostgreSQL and child processes, and a 2-core machine sat at 1.3 busy cores with two files at a time
    maxWorkers: Math.max(3, availableParallelism() + 1),
    projects: [
      {
        define,
        test: {
          name: "node",
          // pure logic: one module graph per worker instead of a fresh process per file (most of this project's CPU was
          // process starts and imports, not tests)
          isolate: false,
          include: ["src/core/**/*.test.ts", "src/cli/**/*.test.ts", "src/collector/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        plugins: [preact()],
        define,
        test: {
          name: "dom",
          // one happy-dom environment and module graph per worker; every file cleans up what it renders
          isolate: false,
          include: [
            "src/tracker/**/*.test.{ts,tsx}",
            "src/ui/**/*.test.{ts,tsx}",
            "src/embed/**/*.test.{ts,tsx}",
            "src/dashboard/**/*.test.{ts,tsx}",
          ],
          environment: "happy-dom",
          setupFiles: ["tests/helpers/ui/dom-setup.ts"],
        },
      },
      {
        define,
        test: {
          name: "integration",
          include: ["tests/**/*.{test,spec}.ts"],
          environment: "node",
          // one module graph per worker, as in the other projects: a fresh process per file cost 2–3 s of CPU in
          // starts and imports (and a PGlite compile) each. Helpers keep no per-file state at module level, and
          // every file closes the servers, processes and browsers it starts in its own afterAll
          isolate: false,
          // one PostgreSQL cluster for the whole run; each suite makes its own databases in it
          globalSetup: ["tests/helpers/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // a real browser or database under a loaded machine can take more than expect.poll's default second
          expect: { poll: { timeout: 15_000 } },
        },
      },
    ],
  },
});
