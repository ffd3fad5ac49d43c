// one bundling recipe for every library: vite 8 (rolldown), IIFE, minified, production React
import { build, type Rolldown } from "vite";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

/** bundle one entry the way a page would ship it; returns the minified IIFE text */
export async function bundleIife(entry: string): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: "silent",
    // the preset's JSX settings do not matter here: fixtures call createElement directly
    define: { "process.env.NODE_ENV": JSON.stringify("production") },
    build: {
      write: false,
      minify: true,
      target: "es2020",
      lib: { entry, formats: ["iife"], name: "BenchWheel", fileName: () => "bundle.js" },
      rolldownOptions: { onwarn: () => {} },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunk = outputs.flatMap((o) => o.output).find((o) => o.type === "chunk");
  if (chunk?.type !== "chunk") throw new Error(`bundling ${entry} produced no script`);
  return chunk.code;
}

export type Sizes = { raw: number; gzip: number; brotli: number };

/** bytes on the wire: raw, gzip -9 and brotli -11, as a CDN would serve them */
export function measureSizes(code: string | Uint8Array): Sizes {
  const buf = typeof code === "string" ? Buffer.from(code) : Buffer.from(code);
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}
