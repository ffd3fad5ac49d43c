// rules that span fields, which the zod schema cannot express field by field
import { campaignSchema, prizeSchema, type Campaign, type Prize } from "./campaign.js";
import { type CampaignIssue, formatPath } from "./issues.js";
import { isValidTimeZone } from "../util/time.js";
import { isLimited } from "./capacity.js";

type Add = (path: ReadonlyArray<string | number>, message: string) => void;

/**
 * Which parts of a salvaged campaign are unusable. Top-level keys that failed the schema are absent;
 * "prizes[]" means `prizes` is a list whose broken entries are holes (indexes stay those of the file).
 */
export type Broken = ReadonlySet<string>;

/**
 * The parts of an invalid document that still pass the schema, field by field, so cross-field rules
 * can report alongside schema errors. Returns undefined when the document is not an object.
 */
export function salvage(doc: unknown): { campaign: Campaign; broken: Broken; prizeIds?: ReadonlySet<string> } | undefined {
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) return undefined;
  const raw = doc as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const broken = new Set<string>();
  let prizeIds: Set<string> | undefined;
  for (const [key, schema] of Object.entries(campaignSchema.shape)) {
    const value = Object.hasOwn(raw, key) ? raw[key] : undefined;
    if (key === "prizes" && Array.isArray(value)) {
      // keep the good prizes at their own index so messages point at the right entry
      const prizes: Prize[] = new Array(value.length);
      value.forEach((p, i) => {
        const r = prizeSchema.safeParse(p);
        if (r.success) prizes[i] = r.data;
        else broken.add("prizes[]");
      });
      out.prizes = prizes;
      // every id the file names, broken prizes included, when each entry has one: enough to judge references
      const ids = value.map((p) => (p !== null && typeof p === "object" ? (p as { id?: unknown }).id : undefined));
      if (ids.every((id) => typeof id === "string")) prizeIds = new Set(ids as string[]);
      continue;
    }
    const r = schema.safeParse(value);
    if (r.success) out[key] = r.data;
    else broken.add(key);
  }
  return { campaign: out as Campaign, broken, ...(prizeIds ? { prizeIds } : {}) };
}

/**
 * Every cross-field problem of a campaign. With a `broken` set (from `salvage`), rules that need a
 * broken field are skipped, so nothing is reported twice or guessed from a half-read value; `prizeIds`
 * (from `salvage`) still lets a reference to a prize be judged when some prizes are broken.
 */
export function crossCheck(c: Campaign, broken: Broken = new Set(), prizeIds?: ReadonlySet<string>, served = false): CampaignIssue[] {
  const issues: CampaignIssue[] = [];
  const add: Add = (path, message) => issues.push({ path: formatPath(path), message });
  const usable = (...keys: string[]) => keys.every((k) => !broken.has(k));
  const allPrizes = usable("prizes", "prizes[]");

  if (usable("timezone") && !isValidTimeZone(c.timezone)) {
    add(["timezone"], `must be an IANA time zone such as "Asia/Ho_Chi_Minh" or "Europe/Paris", got ${JSON.stringify(c.timezone)}`);
  }
  const { startsAt, endsAt } = (usable("schedule") && c.schedule) || {};
  if (startsAt && endsAt && Date.parse(endsAt) <= Date.parse(startsAt)) {
    add(["schedule", "endsAt"], `must be after schedule.startsAt (${startsAt}), got ${endsAt}`);
  }
  if (usable("pacing", "schedule") && c.pacing === "even" && !(startsAt && endsAt)) {
    add(["pacing"], '"even" needs schedule.startsAt and schedule.endsAt to spread stock over the days');
  }

  const prizeIndex = new Map<string, number>();
  if (usable("prizes")) {
    checkPrizes(c.prizes, prizeIndex, add);
    if (usable("mode") && c.mode === "client") checkClientMode(c.prizes, add);
    if (allPrizes && !c.prizes.some((p) => p.weight > 0)) add(["prizes"], "at least one prize needs a weight above 0");
    if (usable("game") && c.game === "wheel" && (c.prizes.length < 2 || c.prizes.length > 24)) {
      add(["prizes"], `a wheel needs 2 to 24 segments, got ${c.prizes.length}`);
    }
    if (usable("fallbackPrizeId", "onStockOut")) checkFallback(c, prizeIndex, allPrizes ? undefined : (prizeIds ?? null), add);
  }

  if (usable("game", "quiz") && c.game === "quiz") {
    if (!c.quiz) add(["quiz"], 'is required when game is "quiz"');
    // a browser's copy of a server-mode quiz (the collector's public view) has no answers or outcome mapping: the collector
    // keeps them and scores the quiz
    else checkQuiz(c.quiz, allPrizes ? prizeIndex : undefined, add, served && c.mode === "server");
  }
  if (usable("mode", "identity", "antiBot", "requireLead")) checkTrust(c, add);
  return issues;
}

/** identity modes and anti-bot checks are the collector's work: they mean nothing in a browser */
function checkTrust(c: Campaign, add: Add) {
  if (c.mode === "client" && c.identity !== "anonymous")
    add(["identity"], `"${c.identity}" counts plays on the collector; set "mode": "server" to use it`);
  if (c.mode === "client" && c.antiBot?.proofOfWork)
    add(["antiBot", "proofOfWork"], 'is checked by the collector; set "mode": "server" to use it');
  if (c.identity === "lead" && !c.requireLead)
    add(["requireLead"], 'must be true when identity is "lead": plays are counted per email or phone, so the form comes first');
}

// forEach skips the holes left by prizes that failed the schema
function checkPrizes(prizes: Prize[], prizeIndex: Map<string, number>, add: Add) {
  const codeOwner = new Map<string, string>();
  prizes.forEach((p, i) => {
    if (prizeIndex.has(p.id))
      add(["prizes", i, "id"], `"${p.id}" is already used by prizes[${prizeIndex.get(p.id)}]; prize ids must be unique`);
    else prizeIndex.set(p.id, i);
    const kinds = (["code", "codes", "codeGenerator"] as const).filter((k) => p[k] !== undefined);
    if (kinds.length > 1) add(["prizes", i], `has ${kinds.join(" and ")}; use one`);
    if (p.code !== undefined && !p.win) add(["prizes", i, "code"], 'is given to winners only; remove it or set "win": true');
    p.codes?.forEach((code, j) => {
      const owner = codeOwner.get(code);
      if (owner !== undefined) add(["prizes", i, "codes", j], `"${code}" appears twice (also in ${owner}); every code must be unique`);
      else codeOwner.set(code, `prizes[${i}].codes[${j}]`);
    });
    if (p.codes && p.stock !== undefined && p.stock > p.codes.length) {
      add(["prizes", i, "codes"], `has ${p.codes.length} codes for a stock of ${p.stock}: add codes or lower the stock`);
    }
    const codeSpace = p.codeGenerator ? p.codeGenerator.alphabet.length ** p.codeGenerator.length : Infinity;
    // with a stock, a new code clashes with one given before at most 1 time in 10: a draw finds a free code in a few tries
    const tooFew = codeSpace < 1e6 ? "1,000,000 distinct codes" : codeSpace < 10 * (p.stock ?? 0) ? "10 codes per unit of stock" : "";
    if (tooFew) add(["prizes", i, "codeGenerator"], `makes fewer than ${tooFew}: use a longer length or a larger alphabet`);
  });
}

const SERVER = 'set "mode": "server" so the collector enforces it for everyone';

/**
 * A client-mode campaign is drawn in each browser, which keeps limits per browser and nothing else:
 * a prize that promises scarcity or unique codes would be a promise nobody keeps (docs/security.md).
 */
function checkClientMode(prizes: Prize[], add: Add) {
  prizes.forEach((p, i) => {
    if (p.stock !== undefined) {
      add(
        ["prizes", i, "stock"],
        `a stock can only be kept by the collector: in client mode every browser counts its own; ${SERVER}, or remove stock`,
      );
    }
    if (p.dailyCap !== undefined) {
      add(
        ["prizes", i, "dailyCap"],
        `a daily cap can only be kept by the collector: in client mode every browser counts its own; ${SERVER}, or remove dailyCap`,
      );
    }
    if (p.codes !== undefined) {
      add(
        ["prizes", i, "codes"],
        `a code pool can only be handed out by the collector: in client mode the whole pool is readable in the campaign file and every browser starts at the first code; ${SERVER}, or give one shared "code"`,
      );
    }
    if (p.codeGenerator !== undefined) {
      add(
        ["prizes", i, "codeGenerator"],
        `codes generated in the browser cannot be checked when redeemed (nothing records which were given); ${SERVER}, or give one shared "code"`,
      );
    }
  });
}

/** `brokenIds`: undefined when every prize parsed; the ids of all prizes when some broke; null when some id is unreadable */
function checkFallback(c: Campaign, prizeIndex: Map<string, number>, brokenIds: ReadonlySet<string> | null | undefined, add: Add) {
  if (c.fallbackPrizeId !== undefined) {
    const i = prizeIndex.get(c.fallbackPrizeId);
    const fallback = i === undefined ? undefined : c.prizes[i];
    // a missing id may belong to a prize that failed the schema: judge only when every prize's id could be read
    if (!fallback) {
      const named = brokenIds === undefined ? false : brokenIds === null ? undefined : brokenIds.has(c.fallbackPrizeId);
      if (named === false) add(["fallbackPrizeId"], `"${c.fallbackPrizeId}" is not the id of a prize`);
    } else if (fallback.win) add(["fallbackPrizeId"], `"${c.fallbackPrizeId}" must be a prize with "win": false`);
    else if (isLimited(fallback))
      add(["fallbackPrizeId"], `"${c.fallbackPrizeId}" must have no stock, dailyCap or codes: it takes the odds of prizes that ran out`);
  } else if (c.onStockOut === "fallback" && c.prizes.some(isLimited)) {
    add(["fallbackPrizeId"], 'is required when onStockOut is "fallback" and a prize has stock, dailyCap or codes');
  }
}

/** `prizeIndex` is undefined when some prizes could not be read, so references cannot be judged */
function checkQuiz(quiz: NonNullable<Campaign["quiz"]>, prizeIndex: Map<string, number> | undefined, add: Add, keyless: boolean) {
  const outcomeIds = new Set<string>();
  quiz.outcomes.forEach((o, i) => {
    if (outcomeIds.has(o.id)) add(["quiz", "outcomes", i, "id"], `"${o.id}" is used twice; outcome ids must be unique`);
    outcomeIds.add(o.id);
  });
  const seen = new Set<string>();
  quiz.questions.forEach((q, i) => {
    const at = ["quiz", "questions", i];
    if (seen.has(q.id)) add([...at, "id"], `"${q.id}" is used twice; question ids must be unique`);
    seen.add(q.id);
    if (q.type === "nps") {
      // an opinion, not a test: nothing to score and nothing to choose from
      for (const key of ["choices", "answer", "choiceOutcomes"] as const) {
        if (key === "choices" ? q.choices.length > 0 : q[key] !== undefined) add([...at, key], 'must be left out of an "nps" question');
      }
      return;
    }
    if (q.choices.length === 0) add([...at, "choices"], `is required: a "${q.type}" question needs 2 to 8 choices`);
    if (q.scaleLabels) add([...at, "scaleLabels"], 'is only for "nps" questions');
    if (quiz.mode === "score") {
      if (q.answer === undefined && !keyless) add([...at, "answer"], "is required in a score quiz");
      const answers = q.answer === undefined ? [] : Array.isArray(q.answer) ? q.answer : [q.answer];
      if (q.type === "single" && Array.isArray(q.answer)) add([...at, "answer"], "must be one choice index for a single-choice question");
      if (q.type === "multiple" && Array.isArray(q.answer) && q.answer.length === 0)
        add([...at, "answer"], "must list at least one right choice");
      for (const a of answers) {
        if (a >= q.choices.length)
          add([...at, "answer"], `points to choice ${a}, but there are only ${q.choices.length} choices (counting from 0)`);
      }
    } else {
      if (q.choiceOutcomes ? q.choiceOutcomes.length !== q.choices.length : !keyless) {
        add([...at, "choiceOutcomes"], `must name one outcome for each of the ${q.choices.length} choices`);
      }
      q.choiceOutcomes?.forEach((o, j) => {
        if (!outcomeIds.has(o)) add([...at, "choiceOutcomes", j], `"${o}" is not the id of an outcome in quiz.outcomes`);
      });
    }
  });
  if (quiz.mode === "outcome" && quiz.outcomes.length < 2) add(["quiz", "outcomes"], "an outcome quiz needs at least 2 outcomes");
  const nps = quiz.questions.flatMap((q, i) => (q.type === "nps" ? [i] : []));
  // stats count one answer per play (props.nps on the result event)
  if (nps.length > 1) add(["quiz", "questions", nps[1]!, "type"], 'a quiz may ask one "nps" question; this is the second');
  if (!prizeIndex) return;
  const refs = (prizeIds: string[], at: (string | number)[]) =>
    prizeIds.forEach((id, j) => {
      if (!prizeIndex.has(id)) add([...at, "prizeIds", j], `"${id}" is not the id of a prize`);
    });
  for (const [i, t] of quiz.prizeTiers.entries()) refs(t.prizeIds, ["quiz", "prizeTiers", i]);
  for (const [i, o] of quiz.outcomes.entries()) refs(o.prizeIds, ["quiz", "outcomes", i]);
}
