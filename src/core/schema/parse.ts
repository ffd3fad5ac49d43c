import type { core } from "zod/mini";
import { campaignSchema, type Campaign, type Prize } from "./campaign.js";
import { type CampaignIssue, fromZodIssue, formatPath } from "./issues.js";
import { isValidTimeZone } from "../util/time.js";

export type ParseResult = { ok: true; campaign: Campaign; issues: [] } | { ok: false; campaign?: undefined; issues: CampaignIssue[] };

/**
 * Validate a campaign document (an object or JSON text). Never throws: every problem comes back at once,
 * each with its JSON path and a plain sentence.
 * @example
 * const r = parseCampaign(json);
 * if (!r.ok) console.error(r.issues.map(formatIssue).join("\n"));
 */
export function parseCampaign(input: unknown): ParseResult {
  try {
    let doc = input;
    if (typeof input === "string") {
      try {
        doc = JSON.parse(input);
      } catch (e) {
        return { ok: false, issues: [{ path: "", message: `is not valid JSON (${(e as Error).message})` }] };
      }
    }
    const parsed = campaignSchema.safeParse(doc);
    if (!parsed.success) {
      return { ok: false, issues: parsed.error.issues.flatMap((i) => fromZodIssue(i, doc, keysAt)) };
    }
    const issues = crossCheck(parsed.data);
    return issues.length ? { ok: false, issues } : { ok: true, campaign: parsed.data, issues: [] };
  } catch (e) {
    // the promise is "never throws into the host page", even on inputs nobody foresaw
    return { ok: false, issues: [{ path: "", message: `could not be read (${String(e)})` }] };
  }
}

/** field names expected at a path, for "did you mean" hints */
function keysAt(path: ReadonlyArray<PropertyKey>): string[] {
  let node = campaignSchema as unknown as core.$ZodType;
  for (const key of [...path, undefined]) {
    // unwrap optional / default wrappers until an object or array shows up
    for (;;) {
      const def = node._zod.def as { type: string; innerType?: core.$ZodType };
      if ((def.type === "optional" || def.type === "default") && def.innerType) node = def.innerType;
      else break;
    }
    const def = node._zod.def as { type: string; shape?: Record<string, core.$ZodType>; element?: core.$ZodType };
    if (key === undefined) return def.shape ? Object.keys(def.shape) : [];
    if (def.type === "array" && typeof key === "number" && def.element) node = def.element;
    else if (def.shape && typeof key === "string" && def.shape[key]) node = def.shape[key];
    else return [];
  }
  return [];
}

/** the number of units a prize can ever give: its stock, bounded by its code pool */
export function prizeCapacity(prize: Prize): number {
  return Math.min(prize.stock ?? Infinity, prize.codes ? prize.codes.length : Infinity);
}

export function isLimited(prize: Prize): boolean {
  return prizeCapacity(prize) !== Infinity || prize.dailyCap !== undefined;
}

function crossCheck(c: Campaign): CampaignIssue[] {
  const issues: CampaignIssue[] = [];
  const add = (path: ReadonlyArray<string | number>, message: string) => issues.push({ path: formatPath(path), message });

  if (!isValidTimeZone(c.timezone)) {
    add(["timezone"], `must be an IANA time zone such as "Asia/Ho_Chi_Minh" or "Europe/Paris", got ${JSON.stringify(c.timezone)}`);
  }
  const { startsAt, endsAt } = c.schedule ?? {};
  if (startsAt && endsAt && Date.parse(endsAt) <= Date.parse(startsAt)) {
    add(["schedule", "endsAt"], `must be after schedule.startsAt (${startsAt}), got ${endsAt}`);
  }

  const prizeIndex = new Map<string, number>();
  const codeOwner = new Map<string, string>();
  c.prizes.forEach((p, i) => {
    if (prizeIndex.has(p.id)) add(["prizes", i, "id"], `"${p.id}" is already used by prizes[${prizeIndex.get(p.id)}]; prize ids must be unique`);
    else prizeIndex.set(p.id, i);
    if (p.codes && p.codeGenerator) add(["prizes", i], "has both codes and codeGenerator; use one");
    p.codes?.forEach((code, j) => {
      const owner = codeOwner.get(code);
      if (owner !== undefined) add(["prizes", i, "codes", j], `"${code}" appears twice (also in ${owner}); every code must be unique`);
      else codeOwner.set(code, `prizes[${i}].codes[${j}]`);
    });
    if (p.codes && p.stock !== undefined && p.stock > p.codes.length) {
      add(["prizes", i, "codes"], `has ${p.codes.length} codes for a stock of ${p.stock}: add codes or lower the stock`);
    }
    if (p.codeGenerator && p.codeGenerator.alphabet.length ** p.codeGenerator.length < 1e6) {
      add(["prizes", i, "codeGenerator"], "makes fewer than 1,000,000 distinct codes: use a longer length or a larger alphabet");
    }
  });

  if (!c.prizes.some((p) => p.weight > 0)) add(["prizes"], "at least one prize needs a weight above 0");

  if (c.fallbackPrizeId !== undefined) {
    const i = prizeIndex.get(c.fallbackPrizeId);
    const fallback = i === undefined ? undefined : c.prizes[i];
    if (!fallback) add(["fallbackPrizeId"], `"${c.fallbackPrizeId}" is not the id of a prize`);
    else if (fallback.win) add(["fallbackPrizeId"], `"${c.fallbackPrizeId}" must be a prize with "win": false`);
    else if (isLimited(fallback)) add(["fallbackPrizeId"], `"${c.fallbackPrizeId}" must have no stock, dailyCap or codes: it takes the odds of prizes that ran out`);
  } else if (c.onStockOut === "fallback" && c.prizes.some(isLimited)) {
    add(["fallbackPrizeId"], 'is required when onStockOut is "fallback" and a prize has stock, dailyCap or codes');
  }

  if (c.pacing === "even" && !(startsAt && endsAt)) {
    add(["pacing"], '"even" needs schedule.startsAt and schedule.endsAt to spread stock over the days');
  }

  if (c.game === "wheel" && (c.prizes.length < 2 || c.prizes.length > 24)) {
    add(["prizes"], `a wheel needs 2 to 24 segments, got ${c.prizes.length}`);
  }
  if (c.game === "quiz") {
    if (!c.quiz) add(["quiz"], 'is required when game is "quiz"');
    else checkQuiz(c, prizeIndex, add);
  }
  return issues;
}

function checkQuiz(c: Campaign, prizeIndex: Map<string, number>, add: (path: (string | number)[], message: string) => void) {
  const quiz = c.quiz!;
  const outcomeIds = new Set(quiz.outcomes.map((o) => o.id));
  const seen = new Set<string>();
  quiz.questions.forEach((q, i) => {
    const at = ["quiz", "questions", i];
    if (seen.has(q.id)) add([...at, "id"], `"${q.id}" is used twice; question ids must be unique`);
    seen.add(q.id);
    if (quiz.mode === "score") {
      if (q.answer === undefined) add([...at, "answer"], "is required in a score quiz");
      const answers = q.answer === undefined ? [] : Array.isArray(q.answer) ? q.answer : [q.answer];
      if (q.type === "single" && Array.isArray(q.answer)) add([...at, "answer"], "must be one choice index for a single-choice question");
      if (q.type === "multiple" && Array.isArray(q.answer) && q.answer.length === 0) add([...at, "answer"], "must list at least one right choice");
      for (const a of answers) {
        if (a >= q.choices.length) add([...at, "answer"], `points to choice ${a}, but there are only ${q.choices.length} choices (counting from 0)`);
      }
    } else {
      if (!q.choiceOutcomes || q.choiceOutcomes.length !== q.choices.length) {
        add([...at, "choiceOutcomes"], `must name one outcome for each of the ${q.choices.length} choices`);
      }
      q.choiceOutcomes?.forEach((o, j) => {
        if (!outcomeIds.has(o)) add([...at, "choiceOutcomes", j], `"${o}" is not the id of an outcome in quiz.outcomes`);
      });
    }
  });
  if (quiz.mode === "outcome" && quiz.outcomes.length < 2) add(["quiz", "outcomes"], "an outcome quiz needs at least 2 outcomes");
  const refs = (prizeIds: string[], at: (string | number)[]) =>
    prizeIds.forEach((id, j) => {
      if (!prizeIndex.has(id)) add([...at, "prizeIds", j], `"${id}" is not the id of a prize`);
    });
  quiz.prizeTiers.forEach((t, i) => refs(t.prizeIds, ["quiz", "prizeTiers", i]));
  quiz.outcomes.forEach((o, i) => refs(o.prizeIds, ["quiz", "outcomes", i]));
}
