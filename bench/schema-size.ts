// browser cost of campaign validation: parseCampaign bundled (esbuild and rolldown, minified) and gzipped,
// on zod/mini and on classic zod, each with the namespace import we use and with `import { z }`
// run: npx tsx bench/schema-size.ts
import { build, type Plugin } from "esbuild";
import { rolldown } from "rolldown";
import { readFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const classicShim = fileURLToPath(new URL("fixtures/zod-classic.ts", import.meta.url));

const fixtures: Record<string, string> = {
  parseCampaign: `export { parseCampaign } from "./src/core/schema/index.ts";`,
  "parseCampaign + eventSchema": `export { parseCampaign } from "./src/core/schema/index.ts"; export { eventSchema } from "./src/core/events/index.ts";`,
};

/** rewrites our `import * as z` into `import { z }`, to show what the named import costs */
const namedImport: Plugin = {
  name: "named-z-import",
  setup(b) {
    b.onLoad({ filter: /src\/core\/.*\.ts$/ }, async (args) => ({
      contents: toNamed(await readFile(args.path, "utf8")),
      loader: "ts",
    }));
  },
};

const toNamed = (code: string) => code.replace('import * as z from "zod/mini"', 'import { z } from "zod/mini"');

async function esbuildSize(contents: string, classic: boolean, named: boolean): Promise<number> {
  const out = await build({
    stdin: { contents, resolveDir: root, loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "error",
    alias: classic ? { "zod/mini": classicShim } : {},
    plugins: named ? [namedImport] : [],
  });
  return gzipSync(out.outputFiles![0]!.contents, { level: 9 }).length;
}

// rolldown is what vite 8 bundles with, so what our own browser build and most users' builds see
async function rolldownSize(contents: string, classic: boolean, named: boolean): Promise<number> {
  const bundle = await rolldown({
    input: "entry",
    cwd: root,
    platform: "browser",
    logLevel: "silent",
    resolve: { alias: classic ? { "zod/mini": classicShim } : {} },
    plugins: [
      {
        name: "fixture",
        resolveId: (id) => (id === "entry" ? "\0entry.ts" : null),
        load: (id) => (id === "\0entry.ts" ? contents.replaceAll("./src/", `${root}src/`) : null),
        transform: (code, id) => (named && /src\/core\/.*\.ts$/.test(id) ? toNamed(code) : null),
      },
    ],
  });
  const { output } = await bundle.generate({ format: "esm", minify: true });
  await bundle.close();
  return gzipSync(output[0].code, { level: 9 }).length;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
console.log("gzip -9 of a minified ESM browser bundle");
console.log(
  "| bundler | bundle | zod/mini, import * as z | classic zod, import * as z | zod/mini, import { z } | classic zod, import { z } |",
);
console.log("|---|---|---:|---:|---:|---:|");
for (const [bundler, size] of [
  ["esbuild", esbuildSize],
  ["rolldown", rolldownSize],
] as const) {
  for (const [name, contents] of Object.entries(fixtures)) {
    const row: string[] = [];
    for (const named of [false, true]) for (const classic of [false, true]) row.push(kb(await size(contents, classic, named)));
    console.log(`| ${bundler} | ${name} | ${row.join(" | ")} |`);
  }
}
