#!/usr/bin/env node
// `minigame-collector` command: runs the built collector when dist/ exists, else the TypeScript sources through tsx
import { existsSync } from "node:fs";

const built = new URL("../dist/collector/cli.js", import.meta.url);
let entry = built;
if (!existsSync(built)) {
  try {
    const { register } = await import("tsx/esm/api");
    register();
  } catch {
    process.stderr.write("minigame-collector: dist/ is missing and tsx is not installed; run `npm run build` or `npm install tsx`\n");
    process.exit(1);
  }
  entry = new URL("../src/collector/cli.ts", import.meta.url);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
