#!/usr/bin/env node
// `minigame` command: runs the built CLI when dist/ exists, else the TypeScript sources through tsx
// (registered in this process rather than spawning `npx tsx`, so exit codes, signals and stdin behave natively)
import { existsSync } from "node:fs";

const built = new URL("../dist/cli/main.js", import.meta.url);
let entry = built;
if (!existsSync(built)) {
  try {
    const { register } = await import("tsx/esm/api");
    register();
  } catch {
    process.stderr.write("minigame: dist/ is missing and tsx is not installed; run `npm run build` or `npm install tsx`\n");
    process.exit(1);
  }
  entry = new URL("../src/cli/main.ts", import.meta.url);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
