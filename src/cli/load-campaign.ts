// read and validate a campaign file for a command; problems go to the error stream, one per line
import { readFile } from "node:fs/promises";
import { formatIssue, parseCampaign, type Campaign } from "../core/index.js";
import type { Io } from "./command.js";

/** the campaign in `file`, or null after writing why it cannot be used */
export async function loadCampaign(file: string, io: Io): Promise<Campaign | null> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    io.err(`${file}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    return null;
  }
  const result = parseCampaign(text);
  if (result.ok) return result.campaign;
  io.err(`${file}: ${result.issues.length} problem${result.issues.length === 1 ? "" : "s"} (run \`minigame validate ${file}\`)`);
  for (const issue of result.issues) io.err(`  ${formatIssue(issue)}`);
  return null;
}
