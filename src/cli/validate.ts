// minigame validate <file...>: every problem of a campaign file, or a one-line summary
import { parseArgs } from "node:util";
import { dayKey, formatIssue, parseCampaign, type Campaign } from "../core/index.js";
import { describeArgError } from "./args.js";
import { EXIT, processIo, type Command } from "./command.js";
import { readCampaignJson } from "./load-campaign.js";

/**
 * One line a campaign manager can check at a glance.
 * @example summarize(tet) // "tet-2027: wheel, 6 prizes, 2026-12-01 → 2027-12-31 (Asia/Ho_Chi_Minh), server mode"
 */
export function summarize(c: Campaign): string {
  const game = c.game === "quiz" && c.quiz ? `quiz (${c.quiz.mode}, ${plural(c.quiz.questions.length, "question")})` : c.game;
  const { startsAt, endsAt } = c.schedule ?? {};
  // days as the campaign counts them, in its own time zone
  const day = (iso: string | undefined) => (iso ? dayKey(Date.parse(iso), c.timezone) : "…");
  const when = startsAt || endsAt ? `${day(startsAt)} → ${day(endsAt)}` : "no schedule";
  // the mode says what the campaign can promise: client mode keeps limits per browser and nothing else
  const mode = c.mode === "server" ? "server mode" : "client mode (limits per browser)";
  const flags = [mode, c.testMode && "test mode"].filter(Boolean);
  return `${c.id}: ${game}, ${plural(c.prizes.length, "prize")}, ${when} (${c.timezone}), ${flags.join(", ")}`;
}

const USAGE = "usage: minigame validate <file...>";
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export const command: Command = {
  name: "validate",
  summary: "check campaign files and list every problem with its path",
  usage: "<file...>",
  async run(argv, io = processIo) {
    let files: string[];
    try {
      files = parseArgs({ args: argv, allowPositionals: true, options: {} }).positionals;
    } catch (e) {
      io.err(describeArgError("validate", e, []));
      io.err(USAGE);
      return EXIT.usage;
    }
    if (files.length === 0) {
      io.err("minigame validate: the campaign file is missing");
      io.err(USAGE);
      return EXIT.usage;
    }
    let failed = false;
    for (const file of files) {
      const doc = await readCampaignJson(file, io);
      if (doc === undefined) {
        failed = true;
        continue;
      }
      const result = parseCampaign(doc);
      if (result.ok) {
        io.out(summarize(result.campaign));
        continue;
      }
      failed = true;
      io.err(`${file}: ${plural(result.issues.length, "problem")}`);
      for (const issue of result.issues) io.err(`  ${formatIssue(issue)}`);
    }
    return failed ? EXIT.failed : EXIT.ok;
  },
};
