// size of the widget code as visitors download it: src/ui bundled with preact and hooks, minified, gzipped, every
// chunk counted (confetti included). Run: npx tsx scripts/ui-size.ts
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { build, type Rollup } from "vite";
import preact from "@preact/preset-vite";

const repo = fileURLToPath(new URL("..", import.meta.url));

/** minified ES bundle of `entry` (repo-relative); the code of all chunks */
export async function bundle(entry: string): Promise<string> {
  // a test runner sets NODE_ENV=test, which makes the JSX transform emit dev-only source locations
  const env = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  const result = (await build({
    root: repo,
    configFile: false,
    logLevel: "silent",
    mode: "production",
    plugins: [preact({ devToolsEnabled: false, prefreshEnabled: false })],
    // an app build, not lib mode: lib mode keeps whitespace in ES output, which is not what visitors download
    build: {
      write: false,
      minify: true,
      modulePreload: false,
      rollupOptions: { input: `${repo}${entry}`, preserveEntrySignatures: "strict" },
    },
  }).finally(() => {
    process.env.NODE_ENV = env;
  })) as Rollup.RollupOutput | Rollup.RollupOutput[];
  const out = Array.isArray(result) ? result : [result];
  return out
    .flatMap((o) => o.output)
    .filter((c): c is Rollup.OutputChunk => c.type === "chunk")
    .map((c) => c.code)
    .join("\n");
}

export const gzipSize = (code: string) => gzipSync(code, { level: 9 }).length;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const entry of ["src/ui/index.ts", "src/embed/index.ts"]) {
    const code = await bundle(entry);
    const gz = gzipSize(code);
    console.log(`${entry.padEnd(20)} minified ${(code.length / 1024).toFixed(1)} KiB, gzip ${(gz / 1024).toFixed(1)} KiB (${gz} B)`);
  }
}
