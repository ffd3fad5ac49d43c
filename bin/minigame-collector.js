#!/usr/bin/env node
// `minigame-collector` command: the collector on PGlite, or PostgreSQL with DATABASE_URL
import { run } from "./run.js";

await run("minigame-collector", "dist/collector/cli.js", "src/collector/cli.ts");
