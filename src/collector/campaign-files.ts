// --campaigns: a directory of *.json files or a list of files, every one validated before the server starts
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { formatIssue, parseCampaign, type Campaign } from "../core/schema/index.js";

export type LoadedCampaigns = { ok: true; campaigns: Campaign[] } | { ok: false; problems: string[] };

/**
 * Read and validate campaign files; directories contribute their *.json files. All problems come back at once.
 * @example const r = loadCampaignFiles(["./campaigns"]); if (!r.ok) console.error(r.problems.join("\n"));
 */
export function loadCampaignFiles(paths: readonly string[]): LoadedCampaigns {
  const problems: string[] = [];
  const campaigns: Campaign[] = [];
  const owner = new Map<string, string>();
  for (const file of expand(paths, problems)) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (e) {
      problems.push(`${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
      continue;
    }
    const r = parseCampaign(text);
    if (!r.ok) {
      problems.push(...r.issues.map((issue) => `${file}: ${formatIssue(issue)}`));
      continue;
    }
    const first = owner.get(r.campaign.id);
    if (first) problems.push(`${file}: campaign id "${r.campaign.id}" is already used by ${first}`);
    owner.set(r.campaign.id, file);
    campaigns.push(r.campaign);
  }
  return problems.length ? { ok: false, problems } : { ok: true, campaigns };
}

function expand(paths: readonly string[], problems: string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    try {
      if (statSync(path).isDirectory()) {
        const json = readdirSync(path)
          .filter((f) => f.endsWith(".json"))
          .sort();
        if (json.length === 0) problems.push(`${path}: no .json campaign files in this directory`);
        files.push(...json.map((f) => join(path, f)));
      } else files.push(path);
    } catch {
      problems.push(`${path}: no such file or directory`);
    }
  }
  return files;
}
