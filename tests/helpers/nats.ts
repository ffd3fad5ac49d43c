// a throwaway nats-server with JetStream: file storage in a temporary directory, 127.0.0.1 and a random port, run as a
// child process (stop() ends it and removes its directory)
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { natsServerPath } from "./system.js";

export type TestNats = {
  /** nats://127.0.0.1:<port> */
  url: string;
  stop(): Promise<void>;
};

function start(bin: string, dir: string, port: number, config: string | undefined): Promise<ChildProcess> {
  const args = ["-js", "-sd", dir, "-a", "127.0.0.1", "-p", String(port)];
  if (config !== undefined) {
    writeFileSync(join(dir, "nats.conf"), config);
    args.push("-c", join(dir, "nats.conf"));
  }
  const child = spawn(bin, args, { stdio: ["ignore", "ignore", "pipe"] });
  return new Promise((resolve, reject) => {
    let err = "";
    child.stderr!.on("data", (d: Buffer) => {
      err += d.toString();
      // nats-server logs to stderr; this line follows the JetStream and client listener set-up
      if (err.includes("Server is ready")) resolve(child);
    });
    child.once("exit", (code) => reject(new Error(`nats-server exited with ${code}: ${err}`)));
  });
}

/**
 * Start nats-server -js on a random port, trying another when that one is taken; `config` is a configuration file's
 * text (users and permissions), the command line's storage, address and port taking precedence.
 * @example const nats = await startNats(); ...; await nats.stop();
 */
export async function startNats(config?: string): Promise<TestNats> {
  const bin = natsServerPath();
  if (!bin) throw new Error("no nats-server: apt-get install -y nats-server (or set NATS_SERVER_PATH)");
  const dir = mkdtempSync(join(tmpdir(), "minigame-nats-"));
  for (let attempt = 1; ; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 40_000);
    try {
      const child = await start(bin, dir, port, config);
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      return {
        url: `nats://127.0.0.1:${port}`,
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
          await exited;
          rmSync(dir, { recursive: true, force: true });
        },
      };
    } catch (e) {
      if (attempt === 5) {
        rmSync(dir, { recursive: true, force: true });
        throw e;
      }
    }
  }
}
