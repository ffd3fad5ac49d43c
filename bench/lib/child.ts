// benchmarks written as stand-alone scripts run in their own process: no JIT state or heap shared with the others
import { execFile } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "./site.js";

/** run `bench/<script>` through tsx and return its stdout; rejects after `timeoutMs` */
export function runBenchScript(script: string, args: string[], timeoutMs: number, env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--import", "tsx", join(ROOT, "bench", script), ...args],
      { cwd: ROOT, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, ...env } },
      (error, stdout, stderr) => (error ? reject(new Error(`${script} failed: ${error.message}\n${stderr}`)) : resolve(stdout)),
    );
  });
}
