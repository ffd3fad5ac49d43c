// a consumer's project outside the repo: the package linked into its node_modules under its published name, a strict
// TypeScript configuration, and one source file, type-checked as a user's editor and build would
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * tsc's complaints about `source` (empty when it compiles) in a throwaway ES-module project that imports the package
 * by `name`; the project is removed afterwards.
 * @example expect(typecheckAsConsumer("minigame-sdk", 'import { mount } from "minigame-sdk";')).toBe("");
 */
export function typecheckAsConsumer(name: string, source: string): string {
  const dir = mkdtempSync(join(tmpdir(), "minigame-consumer-"));
  try {
    mkdirSync(join(dir, "node_modules"));
    symlinkSync(root, join(dir, "node_modules", name), "dir");
    writeFileSync(join(dir, "consumer.ts"), source);
    writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          resolveJsonModule: true,
          lib: ["ES2022", "DOM"],
          types: [],
        },
        files: ["consumer.ts"],
      }),
    );
    execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", dir], { encoding: "utf8", stdio: "pipe" });
    return "";
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? error);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
