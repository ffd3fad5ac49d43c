// what every CLI command looks like; each command lives in its own file and is listed in commands.ts

/** where a command writes: the process streams by default, buffers in tests */
export type Io = {
  /** results, one line per call */
  out(line: string): void;
  /** problems and hints, one line per call */
  err(line: string): void;
};

export type Command = {
  name: string;
  /** one line for `minigame help` */
  summary: string;
  /** argument synopsis after the name, e.g. `<file> [--json]` */
  usage?: string;
  /** runs with the arguments after the command name; resolves to the process exit code */
  run(argv: string[], io?: Io): Promise<number>;
};

/** the process streams, with terminal controls shown as text (see `terminalSafe`) */
export const processIo: Io = {
  out: (line) => process.stdout.write(`${terminalSafe(line)}\n`),
  err: (line) => process.stderr.write(`${terminalSafe(line)}\n`),
};

/**
 * Control characters other than tab and newline, and the characters that reorder or break what follows them (bidi
 * overrides and isolates, line and paragraph separators), written as `\uXXXX`. Output carries text that visitors chose
 * (lead names, sources stored before they were cleaned): a terminal acts on ESC, CR and the C1 controls (U+009B starts
 * an escape sequence), and U+202E shows the rest of a line backwards. Inside JSON strings the escape means the same
 * character, so `--json` output keeps its data.
 *
 * @example terminalSafe("ana\u009b2J") // "ana\\u009b2J"
 */
export function terminalSafe(text: string): string {
  return text.replace(
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** exit codes: 0 done, 1 the input or the remote side is wrong, 2 the command line is wrong */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
