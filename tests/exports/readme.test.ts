// the README's two ways onto a page must work as printed: the npm snippet type-checks against the published
// types through the package name, and the script tag names a shipped file and only attributes the loader reads
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readScriptConfig } from "../../src/embed/auto-init.js";
import { typecheckAsConsumer } from "../helpers/consumer.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const readme = readFileSync(join(root, "README.md"), "utf8");

/** the first fenced block of `lang` after `heading` (a line of the README) */
function blockAfter(heading: string, lang: string): string {
  const from = readme.indexOf(heading);
  if (from === -1) throw new Error(`README.md no longer has "${heading}"`);
  const match = new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``).exec(readme.slice(from));
  if (!match) throw new Error(`no \`\`\`${lang} block after "${heading}" in README.md`);
  return match[1]!;
}

describe("README.md", () => {
  it("has an npm snippet that type-checks through the package name", () => {
    expect(existsSync(join(root, "dist/types/index.d.ts")), "run `npm run build` first").toBe(true);
    const snippet = blockAfter("Or from npm", "ts");
    expect(snippet).toContain('from "minigame-sdk"');
    // the snippet's `campaign` is whatever the page loaded; everything else must compile as printed
    const source = `${snippet}\ndeclare const campaign: import("minigame-sdk").Campaign;\n`;
    expect(typecheckAsConsumer("minigame-sdk", source)).toBe("");
  });

  it("has a script tag that loads a shipped file and sets only attributes the loader reads", () => {
    const tag = /<script\s([^>]*)>/.exec(blockAfter("## Put a wheel on a page", "html"))?.[1] ?? "";
    const attributes = Object.fromEntries([...tag.matchAll(/([\w-]+)(?:="([^"]*)")?/g)].map((m) => [m[1]!, m[2] ?? ""]));
    // the CDN path is the package path: unpkg serves https://unpkg.com/<name>/<file in the package>
    const file = /^https:\/\/unpkg\.com\/minigame-sdk\/(.+)$/.exec(attributes.src ?? "")?.[1];
    expect(file, attributes.src).toBeDefined();
    expect(existsSync(join(root, file!)), `${file} after npm run build`).toBe(true);
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { files: string[] };
    expect(pkg.files).toContain(file!.split("/")[0]);

    const data = Object.entries(attributes).filter(([name]) => name.startsWith("data-"));
    expect(data.length).toBeGreaterThan(0);
    const dataset = Object.fromEntries(
      data.map(([name, value]) => [name.slice(5).replace(/-(\w)/g, (_, c: string) => c.toUpperCase()), value]),
    );
    const { config, warnings } = readScriptConfig({ dataset } as unknown as HTMLScriptElement);
    expect(warnings).toEqual([]);
    // every attribute came through as a setting, none was silently ignored
    for (const [key, value] of Object.entries(dataset)) expect(config?.[key as keyof typeof config], `data-${key}`).toBe(value);
  });
});
