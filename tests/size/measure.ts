// build a size fixture with the project's own vite settings, then measure it raw, gzipped and brotli'd
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { build } from "vite";
import { scriptConfig, type ScriptBuildOptions } from "../../vite.config.js";

export type Sizes = { raw: number; gzip: number; brotli: number; code: string };

/** sizes of a buffer as a CDN would serve it (gzip -9, brotli quality 11) */
export function measure(code: string): Sizes {
  const bytes = Buffer.from(code);
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    code,
  };
}

/** bundle one entry, minified, into a temporary folder and measure the single output file */
export async function bundleAndMeasure(options: ScriptBuildOptions & { entry: string }): Promise<Sizes> {
  const outDir = mkdtempSync(join(tmpdir(), "minigame-size-"));
  // vitest runs with NODE_ENV=test, which makes vite resolve packages' "development" builds
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build(scriptConfig({ ...options, outDir, fileName: "bundle.js", minify: true }));
    return measure(readFileSync(join(outDir, "bundle.js"), "utf8"));
  } finally {
    process.env.NODE_ENV = nodeEnv;
    rmSync(outDir, { recursive: true, force: true });
  }
}
