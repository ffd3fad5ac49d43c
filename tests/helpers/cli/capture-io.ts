// an Io that keeps what a command writes, for running CLI commands in-process in tests
import type { Io } from "../../../src/cli/command.js";

export type CapturedIo = Io & { stdout: string[]; stderr: string[]; text(): string };

export function captureIo(): CapturedIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (line) => stdout.push(line),
    err: (line) => stderr.push(line),
    text: () => [...stdout, ...stderr].join("\n"),
  };
}
