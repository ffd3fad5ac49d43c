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

export const processIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** exit codes: 0 done, 1 the input or the remote side is wrong, 2 the command line is wrong */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
