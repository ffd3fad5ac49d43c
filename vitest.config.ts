import { defineConfig } from "vitest/config";
import preact from "@preact/preset-vite";

// three projects: pure logic in node, browser-side code in happy-dom, and suites that need
// a real browser, a database or a built bundle (tests/) with room for slower work
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "node",
          include: ["src/core/**/*.test.ts", "src/cli/**/*.test.ts", "src/collector/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        plugins: [preact()],
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
