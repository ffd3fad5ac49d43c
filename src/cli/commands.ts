// the command table: one import and one entry per command file
import type { Command } from "./command.js";
import { command as validate } from "./validate.js";
import { command as schema } from "./schema.js";
import { command as stats } from "./stats.js";
import { command as simulate } from "./simulate.js";
import { command as odds } from "./odds.js";
import { command as leads } from "./leads.js";

/** in the order `minigame help` lists them */
export const commands: readonly Command[] = [validate, simulate, odds, schema, stats, leads];
