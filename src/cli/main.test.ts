import { describe, expect, it } from "vitest";
import { main } from "./main.js";
import { commands } from "./commands.js";
import { captureIo } from "../../tests/helpers/cli/capture-io.js";
import type { Command } from "./command.js";

/** a command that records the arguments it is given and exits with `code` */
function recorder(code: number): { echo: Command; seen: string[][] } {
  const seen: string[][] = [];
  const echo: Command = {
    name: "echo",
    summary: "echo",
    run: async (argv) => {
      seen.push(argv);
      return code;
    },
  };
  return { echo, seen };
}

describe("minigame main", () => {
  it("lists every command of the table with its summary for help and for no command", async () => {
    for (const argv of [["help"], [], ["--help"]]) {
      const io = captureIo();
      expect(await main(argv, io)).toBe(0);
      for (const c of commands) {
        expect(io.stdout).toContain(`  minigame ${c.name}${c.usage ? ` ${c.usage}` : ""}`);
        expect(io.stdout).toContain(`      ${c.summary}`);
      }
    }
  });

  it("names an unknown command, prints usage and exits 2", async () => {
    const io = captureIo();
    expect(await main(["simulat"], io)).toBe(2);
    expect(io.stderr[0]).toBe('unknown command "simulat"');
    expect(io.stderr).toContain("usage: minigame <command> [arguments]");
    expect(io.stdout).toEqual([]);
  });

  it("answers <command> --help with that command's usage and summary, before the command parses anything", async () => {
    for (const c of commands) {
      for (const flag of ["--help", "-h"]) {
        const io = captureIo();
        expect(await main([c.name, "some.json", flag], io), `${c.name} ${flag}`).toBe(0);
        expect(io.stdout[0]).toBe(`usage: minigame ${c.name}${c.usage ? ` ${c.usage}` : ""}`);
        expect(io.stdout).toContain(`  ${c.summary}`);
        expect(io.stderr).toEqual([]);
      }
    }
    // after "--" it is an argument of the command, not a request for help
    const { echo, seen } = recorder(0);
    await main(["echo", "--", "--help"], captureIo(), [echo]);
    expect(seen).toEqual([["--", "--help"]]);
  });

  it("passes the remaining arguments to the command and returns its exit code", async () => {
    const { echo, seen } = recorder(7);
    expect(await main(["echo", "a", "--b"], captureIo(), [echo])).toBe(7);
    expect(seen).toEqual([["a", "--b"]]);
  });

  it("turns a command that throws into a message and exit code 1", async () => {
    const boom: Command = {
      name: "boom",
      summary: "fails",
      run: async () => {
        throw new Error("disk on fire");
      },
    };
    const io = captureIo();
    expect(await main(["boom"], io, [boom])).toBe(1);
    expect(io.stderr).toEqual(["minigame boom failed: disk on fire"]);
  });

  it("has unique command names, each with a summary", () => {
    const names = commands.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).not.toContain("help");
    for (const c of commands) expect(c.summary.length).toBeGreaterThan(10);
  });
});
