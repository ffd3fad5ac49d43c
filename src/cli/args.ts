// what the CLI says about a command line it cannot use: one sentence naming the command and the argument
import type { Command } from "./command.js";

/**
 * The sentence for an error thrown by node's `parseArgs`, instead of its own message (which speaks of
 * positional arguments and `--` escapes, not of the command that was typed).
 * @example describeArgError("simulate", e, ["plays", "seed"]) // "minigame simulate: unknown option --wrong (it takes --plays, --seed)"
 */
export function describeArgError(command: string, error: unknown, options: readonly string[]): string {
  const message = error instanceof Error ? error.message : String(error);
  // parseArgs quotes the argument it stopped at: '--plays <value>', '--wrong' or 'extra'
  const argument = /'([^' ]+)/.exec(message)?.[1] ?? "";
  const takes = options.length ? `it takes ${options.map((o) => `--${o}`).join(", ")}` : "it takes no options";
  switch ((error as { code?: string }).code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `minigame ${command}: unknown option ${argument} (${takes})`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return /does not take an argument/.test(message)
        ? `minigame ${command}: ${argument} takes no value`
        : `minigame ${command}: ${argument} needs a value`;
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `minigame ${command}: unexpected argument ${JSON.stringify(argument)}`;
    default:
      return `minigame ${command}: ${message.split("\n")[0]}`;
  }
}

/** true when the arguments ask for help (`--help` or `-h` before a `--`) */
export function asksForHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf("--");
  return (end === -1 ? argv : argv.slice(0, end)).some((a) => a === "--help" || a === "-h");
}

/** a command's usage line and summary, for `minigame <command> --help` */
export function commandHelp(command: Pick<Command, "name" | "summary" | "usage">): string[] {
  return [`usage: minigame ${command.name}${command.usage ? ` ${command.usage}` : ""}`, "", `  ${command.summary}`];
}

/**
 * The collector's admin token: `--token`, else `MINIGAME_TOKEN`, else `MINIGAME_ADMIN_TOKEN` (the variable the collector
 * and `npm start` read, so a shell that set it for the collector reaches it with the CLI too).
 * @example adminToken(values.token) // "e32e…" from MINIGAME_ADMIN_TOKEN when neither of the others is set
 */
export function adminToken(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return flag ?? env.MINIGAME_TOKEN ?? env.MINIGAME_ADMIN_TOKEN;
}
