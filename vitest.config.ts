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
    projects: [
      {
        define,
        test: {
          name: "node",
          include: ["src/core/**/*.test.ts", "src/cli/**/*.test.ts", "src/collector/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        plugins: [preact()],
        define,
        test: {
          name: "dom",
          include: [
            "src/tracker/**/*.test.{ts,tsx}",
            "src/ui/**/*.test.{ts,tsx}",
            "src/embed/**/*.test.{ts,tsx}",
            "src/dashboard/**/*.test.{ts,tsx}",
          ],
          environment: "happy-dom",
        },
      },
      {
        define,
        test: {
          name: "integration",
          include: ["tests/**/*.{test,spec}.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
