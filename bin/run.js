// shared by the bin scripts: run the built entry when dist/ exists, else the TypeScript sources through tsx
// (registered in this process rather than spawning `npx tsx`, so exit codes, signals and stdin behave natively)
import { existsSync } from "node:fs";

/** @param {string} name the command, for messages @param {string} built path under dist/ @param {string} source path under src/ */
export async function run(name, built, source) {
  // `minigame stats | head` closes the pipe early: stop quietly, as other Unix tools do, instead of crashing on EPIPE
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error) => {
      if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  let entry = new URL(`../${built}`, import.meta.url);
  if (!existsSync(entry)) {
    try {
      const { register } = await import("tsx/esm/api");
      register();
    } catch {
      process.stderr.write(`${name}: dist/ is missing and tsx is not installed; run \`npm run build\` or \`npm install tsx\`\n`);
      process.exit(1);
    }
    entry = new URL(`../${source}`, import.meta.url);
  }
  const { main } = await import(entry.href);
  process.exitCode = await main(process.argv.slice(2));
}
