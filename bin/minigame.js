#!/usr/bin/env node
// `minigame` command: validate, simulate, odds, schema, stats
import { run } from "./run.js";

await run("minigame", "dist/cli/main.js", "src/cli/main.ts");
