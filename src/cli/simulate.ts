// minigame simulate <file> --plays N: the real engine, N times, to forecast shares, stock-outs and cost
import { parseArgs } from "node:util";
import {
  createEngine,
  createMemoryStore,
  createSeededRandom,
  cryptoRandom,
  dayKey,
  daysBetween,
  lastDay,
  nextDayStart,
  prizeCapacity,
  publishedOdds,
  randomInt,
  type Campaign,
  type DenyReason,
  type QuizAnswers,
  type Random,
} from "../core/index.js";
import { describeArgError } from "./args.js";
import { EXIT, processIo, type Command } from "./command.js";
import { loadCampaign, oneFile } from "./load-campaign.js";
import { renderSimulation } from "./simulate-report.js";
import { oddsGroups } from "../core/i18n/rules.js";

const DAY = 86_400_000;
const USAGE = "usage: minigame simulate <file> --plays N [--seed S] [--days D] [--json]";

export type SimulateOptions = {
  plays: number;
  /** seeded, reproducible draws; crypto randomness when absent */
  seed?: number | string;
  /** days to spread the plays over from the start; default the whole schedule, else 1 */
  days?: number;
  /** first instant when the campaign has no schedule.startsAt; default now */
  start?: number;
};

export type SimulatedPrize = {
  id: string;
  label: string;
  win: boolean;
  /** configured chance of one play; null for a quiz whose answers pick the draw (its chances are per group) */
  configured: number | null;
  /** share of the plays that drew something */
  observed: number;
  given: number;
  /** units that can ever be given (stock bounded by the code pool); null when unlimited */
  stock: number | null;
  left: number | null;
  /** the campaign day its last unit went */
  stockOutDay: string | null;
  /** days on which its daily cap was reached */
  cappedDays: number;
  /** pool codes left; null when the prize has no pool */
  codesLeft: number | null;
  codeSource: "pool" | "generated" | null;
  /** value × units given; null when the prize has no value */
  cost: number | null;
};

export type SimulationReport = {
  campaignId: string;
  plays: number;
  drawn: number;
  wins: number;
  refused: Partial<Record<DenyReason, number>>;
  seed: number | string | null;
  firstDay: string;
  days: number;
  prizes: SimulatedPrize[];
  /** per day: plays and units given of each limited prize, and what is left of it at the end of the day */
  daily: Array<{ day: string; plays: number; given: Record<string, number>; left: Record<string, number> }>;
  totalCost: number | null;
  /** a quiz whose answers pick the draw: per score range or outcome (as `minigame odds` prints them), the plays that
   * reached it and what they were given; absent when one table holds for every play */
  groups?: SimulatedGroup[];
  assumptions: string[];
};

export type SimulatedGroup = {
  title: string;
  /** plays whose answers led to this draw */
  plays: number;
  /** the group's prizes with their published chance in it, then any other prize its plays got (configured null: a
   * stock-out fallback) */
  prizes: Array<{ id: string; label: string; win: boolean; configured: number | null; observed: number; given: number }>;
};

/**
 * Play a campaign `plays` times with the real engine (one new visitor per play) and report what happened.
 * @example simulateCampaign(campaign, { plays: 100_000, seed: 1 }).prizes.map((p) => [p.id, p.observed])
 */
export function simulateCampaign(campaign: Campaign, options: SimulateOptions): SimulationReport {
  const { plays } = options;
  const { startsAt, endsAt } = campaign.schedule ?? {};
  const start = startsAt ? Date.parse(startsAt) : (options.start ?? Date.now());
  const scheduleDays = startsAt && endsAt ? daysBetween(dayKey(start, campaign.timezone), lastDay(endsAt, campaign.timezone)) + 1 : 1;
  const days = options.days ?? scheduleDays;
  const random = options.seed === undefined ? cryptoRandom : createSeededRandom(options.seed);

  // forecast the live campaign: real stock even in test mode, and visitors who have left their lead
  const live: Campaign = { ...campaign, testMode: false, requireLead: false };
  let t = start;
  let id = 0;
  const engine = createEngine(live, {
    random,
    store: createMemoryStore({ keepVisitors: false, rememberDraws: 0 }),
    now: () => t,
    newId: () => `sim-${++id}`,
  });

  const prizes = campaign.prizes;
  const index = new Map(prizes.map((p, i) => [p.id, i]));
  const capacity = prizes.map(prizeCapacity);
  const limited = prizes.flatMap((p, i) => (capacity[i] !== Infinity || p.dailyCap !== undefined ? [i] : []));
  const given = new Array<number>(prizes.length).fill(0);
  const stockOutDay = new Array<string | null>(prizes.length).fill(null);
  const cappedDays = new Array<number>(prizes.length).fill(0);
  const refused: Partial<Record<DenyReason, number>> = {};
  const daily: SimulationReport["daily"] = [];
  // "as": the loop reassigns it, and TS would otherwise narrow it to null for good
  let today = null as { day: string; plays: number; given: number[] } | null;
  let drawn = 0;
  let wins = 0;
  // a quiz's draw depends on the answers: tally each group's plays apart, against that group's table
  const tables = live.game === "quiz" ? oddsGroups(campaign) : [];
  const perGroup = tables.length > 1 || tables[0]?.title ? tables : [];
  const groupKey = (ids: readonly string[]) => [...ids].sort().join("\n");
  const groupIndex = new Map(perGroup.map((g, i) => [groupKey(g.odds.map((r) => r.prize.id)), i]));
  const groupPlays = perGroup.map(() => 0);
  const groupGiven = perGroup.map(() => new Array<number>(prizes.length).fill(0));

  const closeDay = () => {
    if (!today) return;
    const row = { day: today.day, plays: today.plays, given: {} as Record<string, number>, left: {} as Record<string, number> };
    for (const i of limited) {
      const p = prizes[i]!;
      row.given[p.id] = today.given[i]!;
      if (capacity[i] !== Infinity) row.left[p.id] = capacity[i]! - given[i]!;
      if (p.dailyCap !== undefined && today.given[i]! >= p.dailyCap) cappedDays[i]!++;
    }
    daily.push(row);
  };

  // by default the plays fill the schedule exactly; with --days they fill that many days from the start
  let nextMidnight = -Infinity;
  const span = options.days === undefined && endsAt ? Date.parse(endsAt) - start + 1 : days * DAY;
  for (let k = 0; k < plays; k++) {
    t = start + Math.floor((k / plays) * span);
    // plays move forward in time: look the day up only when the next midnight is passed
    if (today === null || t >= nextMidnight) {
      closeDay();
      today = { day: dayKey(t, campaign.timezone), plays: 0, given: new Array(prizes.length).fill(0) };
      nextMidnight = nextDayStart(t, campaign.timezone);
    }
    const day = today.day;
    today.plays++;
    const answers = live.game === "quiz" && live.quiz ? guessAnswers(live, random) : undefined;
    const r = engine.drawSync("simulated-visitor", answers ? { answers } : {});
    if (!r.ok) {
      refused[r.reason] = (refused[r.reason] ?? 0) + 1;
      continue;
    }
    drawn++;
    if (r.win) wins++;
    // the engine's own answer carries the prizes the score reached (a browser's copy from the collector does not)
    const g = r.quiz?.prizeIds ? groupIndex.get(groupKey(r.quiz.prizeIds)) : undefined;
    if (g !== undefined) groupPlays[g]!++;
    if (!r.prize) continue;
    const i = index.get(r.prize.id)!;
    if (g !== undefined) groupGiven[g]![i]!++;
    given[i]!++;
    today.given[i]!++;
    if (given[i] === capacity[i]) stockOutDay[i] = day;
  }
  closeDay();

  const odds = publishedOdds(campaign);
  const rows: SimulatedPrize[] = prizes.map((p, i) => ({
    id: p.id,
    label: p.label,
    win: p.win,
    configured: perGroup.length ? null : odds[i]!.probability,
    observed: drawn ? given[i]! / drawn : 0,
    given: given[i]!,
    stock: capacity[i] === Infinity ? null : capacity[i]!,
    left: capacity[i] === Infinity ? null : capacity[i]! - given[i]!,
    stockOutDay: stockOutDay[i]!,
    cappedDays: cappedDays[i]!,
    codesLeft: p.codes ? p.codes.length - given[i]! : null,
    codeSource: p.codes ? "pool" : p.codeGenerator ? "generated" : null,
    cost: p.value === undefined ? null : p.value * given[i]!,
  }));
  const costs = rows.filter((r) => r.cost !== null);
  const groups: SimulatedGroup[] = perGroup.map((group, g) => {
    const plays = groupPlays[g]!;
    const share = (i: number) => (plays ? groupGiven[g]![i]! / plays : 0);
    const listed = new Set(group.odds.map((r) => r.prize.id));
    return {
      title: group.title ?? "",
      plays,
      prizes: [
        ...group.odds.map((r) => {
          const i = index.get(r.prize.id)!;
          return {
            id: r.prize.id,
            label: r.prize.label,
            win: r.prize.win,
            configured: r.probability,
            observed: share(i),
            given: groupGiven[g]![i]!,
          };
        }),
        ...prizes.flatMap((p, i) =>
          !listed.has(p.id) && groupGiven[g]![i]! > 0
            ? [{ id: p.id, label: p.label, win: p.win, configured: null, observed: share(i), given: groupGiven[g]![i]! }]
            : [],
        ),
      ],
    };
  });

  const assumptions = ["every play is a new visitor, so per-visitor limits and cooldowns never refuse one"];
  if (campaign.requireLead) assumptions.push("every visitor leaves a lead");
  if (campaign.testMode) assumptions.push("test mode is off, as it will be when the campaign goes live");
  if (live.game === "quiz") assumptions.push("quiz answers are random guesses");

  return {
    campaignId: campaign.id,
    plays,
    drawn,
    wins,
    refused,
    seed: options.seed ?? null,
    firstDay: dayKey(start, campaign.timezone),
    days,
    prizes: rows,
    daily,
    totalCost: costs.length ? costs.reduce((sum, r) => sum + r.cost!, 0) : null,
    ...(groups.length ? { groups } : {}),
    assumptions,
  };
}

/** a random guess for every question: one choice, or any non-empty set for multiple choice */
function guessAnswers(campaign: Campaign, random: Random): QuizAnswers {
  const answers: QuizAnswers = {};
  for (const q of campaign.quiz!.questions) {
    const n = q.choices.length;
    if (q.type === "single") answers[q.id] = randomInt(random, n);
    else {
      const mask = 1 + randomInt(random, 2 ** n - 1);
      answers[q.id] = q.choices.flatMap((_, i) => (mask & (1 << i) ? [i] : []));
    }
  }
  return answers;
}

export const command: Command = {
  name: "simulate",
  summary: "play a campaign N times with the real engine: shares, stock-out days, codes left, cost",
  usage: "<file> --plays N [--seed S] [--days D] [--json]",
  async run(argv, io = processIo) {
    // biome-ignore lint/suspicious/noImplicitAnyLet: the type is what parseArgs infers from the options below
    let parsed;
    try {
      parsed = parseArgs({
        args: argv,
        allowPositionals: true,
        options: { plays: { type: "string" }, seed: { type: "string" }, days: { type: "string" }, json: { type: "boolean" } },
      });
    } catch (e) {
      io.err(`${describeArgError("simulate", e, ["plays", "seed", "days", "json"])}\n${USAGE}`);
      return EXIT.usage;
    }
    const { values, positionals } = parsed;
    const plays = Number(values.plays);
    const days = values.days === undefined ? undefined : Number(values.days);
    if (positionals.length !== 1 || !Number.isInteger(plays) || plays < 1 || plays > 10_000_000) {
      io.err(
        positionals.length !== 1
          ? `minigame simulate: ${oneFile(positionals)}\n${USAGE}`
          : `--plays must be a whole number from 1 to 10,000,000, got ${values.plays ?? "nothing"}\n${USAGE}`,
      );
      return EXIT.usage;
    }
    if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 3660)) {
      io.err(`--days must be a whole number from 1 to 3660, got ${values.days}`);
      return EXIT.usage;
    }
    const campaign = await loadCampaign(positionals[0]!, io);
    if (!campaign) return EXIT.failed;

    const seed = values.seed === undefined ? undefined : /^-?\d+$/.test(values.seed) ? Number(values.seed) : values.seed;
    const started = performance.now();
    const report = simulateCampaign(campaign, { plays, ...(seed !== undefined && { seed }), ...(days !== undefined && { days }) });
    const seconds = (performance.now() - started) / 1000;
    if (values.json) io.out(JSON.stringify({ ...report, seconds }, null, 2));
    else for (const line of renderSimulation(report, seconds)) io.out(line);
    return EXIT.ok;
  },
};
