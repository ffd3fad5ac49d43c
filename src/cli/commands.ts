// the command table: one import and one entry per command file
import type { Command } from "./command.js";
import { command as validate } from "./validate.js";
import { command as schema } from "./schema.js";
import { command as stats } from "./stats.js";

/** in the order `minigame help` lists them */
export const commands: readonly Command[] = [
  validate,
  // simulate (src/cli/simulate.ts) and odds (src/cli/odds.ts) are listed here once they land
  schema,
  stats,
];
