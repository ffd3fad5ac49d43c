// the `minigame` command line: picks a command from the table and runs it
import { pathToFileURL } from "node:url";
import { asksForHelp, commandHelp } from "./args.js";
import { commands } from "./commands.js";
import { EXIT, processIo, type Command, type Io } from "./command.js";

/** every command with its synopsis and summary */
export function usage(table: readonly Command[] = commands): string[] {
  const lines = ["usage: minigame <command> [arguments]", ""];
  for (const c of [...table, { name: "help", summary: "show this list" }]) {
    lines.push(`  minigame ${c.name}${"usage" in c && c.usage ? ` ${c.usage}` : ""}`, `      ${c.summary}`);
  }
  return lines;
}

/**
 * Run the CLI with the arguments after `minigame`; resolves to the exit code and never throws.
 * @example process.exitCode = await main(["validate", "campaign.json"]);
 */
export async function main(argv: string[], io: Io = processIo, table: readonly Command[] = commands): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    for (const line of usage(table)) io.out(line);
    return EXIT.ok;
  }
  const command = table.find((c) => c.name === name);
  if (!command) {
    io.err(`unknown command "${name}"`);
    for (const line of usage(table)) io.err(line);
    return EXIT.usage;
  }
  // `minigame odds --help` answers for the command instead of reaching its argument parser
  if (asksForHelp(rest)) {
    for (const line of commandHelp(command)) io.out(line);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    // a bug in a command still ends with a sentence and an exit code, not a stack trace
    io.err(`minigame ${name} failed: ${e instanceof Error ? e.message : String(e)}`);
    return EXIT.failed;
  }
}

// run when executed directly (`tsx src/cli/main.ts ...`); bin/minigame.js imports main() instead
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
