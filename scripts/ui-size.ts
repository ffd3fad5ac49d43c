// size of the widget code as visitors download it: src/ui bundled with preact and signals, minified, gzipped;
// canvas-confetti stays out (it loads only on a win). Run: npx tsx scripts/ui-size.ts
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { build, type Rollup } from "vite";
import preact from "@preact/preset-vite";

const repo = fileURLToPath(new URL("..", import.meta.url));
const entries = { ui: "src/ui/index.ts", mount: "src/embed/index.ts" };

for (const [name, entry] of Object.entries(entries)) {
  const result = (await build({
    root: repo,
    configFile: false,
    logLevel: "silent",
    plugins: [preact()],
    // an app build, not lib mode: lib mode keeps whitespace in ES output, which is not what visitors download
    build: {
      write: false,
      minify: true,
      modulePreload: false,
      rollupOptions: { input: `${repo}${entry}`, external: ["canvas-confetti"], preserveEntrySignatures: "strict" },
    },
  })) as Rollup.RollupOutput | Rollup.RollupOutput[];
  const out = Array.isArray(result) ? result : [result];
  const chunks = out.flatMap((o) => o.output).filter((c): c is Rollup.OutputChunk => c.type === "chunk");
  const code = chunks.map((c) => c.code).join("\n");
  const gz = gzipSync(code, { level: 9 }).length;
  console.log(`${name.padEnd(6)} ${entry.padEnd(20)} minified ${(code.length / 1024).toFixed(1)} KiB, gzip ${(gz / 1024).toFixed(1)} KiB (${gz} B)`);
}
