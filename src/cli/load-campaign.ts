// read and validate a campaign file for a command; problems go to the error stream, one per line
import { readFile } from "node:fs/promises";
import { formatIssue, parseCampaign, type Campaign } from "../core/index.js";
import type { Io } from "./command.js";

/** the campaign in `file`, or null after writing why it cannot be used */
export async function loadCampaign(file: string, io: Io): Promise<Campaign | null> {
  const doc = await readCampaignJson(file, io);
  if (doc === undefined) return null;
  const result = parseCampaign(doc);
  if (result.ok) return result.campaign;
  io.err(`${file}: ${result.issues.length} problem${result.issues.length === 1 ? "" : "s"} (run \`minigame validate ${file}\`)`);
  for (const issue of result.issues) io.err(`  ${formatIssue(issue)}`);
  return null;
}

/**
 * The JSON document in a campaign file, or undefined after one sentence saying why it cannot be used: the
 * file is missing or unreadable, or it is not JSON (then with the line and column, which JSON.parse leaves out).
 * @example await readCampaignJson("tet.json", io) // writes "tet.json:3:5: is not valid JSON (Expected ',' …)"
 */
export async function readCampaignJson(file: string, io: Io): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    io.err(`${file}: ${unreadable((e as NodeJS.ErrnoException).code, (e as Error).message)}`);
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const message = (e as Error).message;
    // "at position N" in most messages; a file that stops short is wrong where it ends
    const at = /at position (\d+)/.exec(message)?.[1] ?? (/end of JSON input/.test(message) ? text.trimEnd().length : undefined);
    io.err(`${file}${at === undefined ? "" : lineAndColumn(text, Number(at))}: is not valid JSON (${message})`);
    return undefined;
  }
}

function unreadable(code: string | undefined, message: string): string {
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "is a folder, not a campaign file";
  if (code === "EACCES") return "cannot be read: permission denied";
  return `cannot be read (${code ?? message})`;
}

/** `:line:column` of a character offset, both counted from 1 as editors do */
function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split("\n");
  return `:${before.length}:${before.at(-1)!.length + 1}`;
}

/** why a command that takes one campaign file cannot go on with these positional arguments */
export function oneFile(positionals: readonly string[]): string {
  return positionals.length === 0
    ? "the campaign file is missing"
    : `takes one campaign file, got ${positionals.length}: ${positionals.join(", ")}`;
}
