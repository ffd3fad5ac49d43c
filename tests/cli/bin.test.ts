// the `minigame` bin as users run it: a real process, real files, real exit codes
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));

function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["bin/minigame.js", ...args], { cwd: root, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe("bin/minigame.js", () => {
  it("validates the example campaigns and exits 0", async () => {
    const r = await run("validate", "examples/campaigns/tet.json", "examples/campaigns/quiz-en.json");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      "tet-2027: wheel, 6 prizes, 2026-12-01 → 2027-12-31 (Asia/Ho_Chi_Minh), server mode\n" +
        "coffee-quiz-2027: quiz (score, 5 questions), 4 prizes, 2026-12-01 → 2027-12-31 (Europe/London), server mode\n",
    );
  });

  it("exits 1 on the broken example and prints each problem with its path", async () => {
    const r = await run("validate", "examples/campaigns/broken.json");
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines[0]).toBe("examples/campaigns/broken.json: 12 problems");
    expect(lines).toContain("  prizes[1].weight: must be ≥ 0, got -1");
    expect(lines).toContain('  timezone: must be an IANA time zone such as "Asia/Ho_Chi_Minh" or "Europe/Paris", got "Asia/Hanoi"');
  });

  it("exits 2 with usage on an unknown command", async () => {
    const r = await run("frobnicate");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^unknown command "frobnicate"\nusage: minigame <command>/);
  });
});
