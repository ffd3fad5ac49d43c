// the loader's structural check: a campaign the collector or `minigame validate` accepted passes untouched, with
// the schema's defaults filled in; anything the widget reads has the type it expects, so nothing downstream throws.
// Full validation (every rule, every sentence) is zod's, at publish time and in the validator chunk.
import type { Campaign } from "../core/schema/campaign.js";

declare const __MINIGAME_GAMES__: string[];

/** a spec: "x" anything, "s" string, "n" number ≥ 0, "i" integer ≥ 0, "p" integer ≥ 1, "b" boolean, "t" date-time, a RegExp for a
 *  string of that form, a list of ≥ 2 strings for one of them, [spec] for a list, an object for its fields ("name?" is
 *  optional), and d(value, spec) for a field with a default */
type Spec = string | RegExp | readonly string[] | readonly [Spec] | { readonly [key: string]: Spec } | (() => [unknown, Spec]);

const d =
  (value: unknown, spec: Spec): Spec =>
  () => [value, spec];

// the same shapes as the schema's: ids go into storage keys, colours and fonts into CSS custom properties
const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const COLOR = /^(#[0-9a-fA-F]{3,8}|(rgb|rgba|hsl|hsla)\([0-9\s.,%/+-]+\)|[a-zA-Z]{3,30})$/;
const FONT = /^[\w\s,"'-]{1,120}$/;

const PRIZE: Spec = {
  id: ID,
  label: "s",
  "description?": "s",
  weight: "n",
  "stock?": "i",
  "dailyCap?": "i",
  win: d(true, "b"),
  "codes?": ["s"],
  "codeGenerator?": { prefix: d("", "s"), length: d(8, "p"), alphabet: d("23456789ABCDEFGHJKMNPQRSTUVWXYZ", /^.{2,64}$/) },
  "value?": "n",
  "image?": "s",
  "color?": COLOR,
};

const QUIZ: Spec = {
  mode: d("score", ["score", "outcome"]),
  questions: [
    {
      id: ID,
      text: "s",
      type: d("single", ["single", "multiple"]),
      choices: ["s"],
      "answer?": "x", // an index or a list of them; one that names no choice is never right
      points: d(1, "n"),
      "choiceOutcomes?": [ID],
      "timeLimitSeconds?": "p",
      "explanation?": "s",
    },
  ],
  passScore: d(0, "n"),
  feedback: d(false, "b"),
  prizeTiers: d([], [{ minScore: "n", prizeIds: [ID] }]),
  outcomes: d([], [{ id: ID, title: "s", "description?": "s", prizeIds: d([], [ID]) }]),
};

const CAMPAIGN: Spec = {
  id: ID,
  "title?": "s",
  "description?": "s",
  game: typeof __MINIGAME_GAMES__ === "undefined" ? ["wheel", "quiz", "scratch", "giftbox", "flip"] : __MINIGAME_GAMES__,
  locale: d("vi", ["vi", "en"]),
  "strings?": {},
  timezone: d("UTC", "s"),
  "schedule?": { "startsAt?": "t", "endsAt?": "t" },
  limits: d({}, { perVisitor: d({}, { "total?": "p", "perDay?": "p" }), cooldownSeconds: d(0, "i") }),
  requireLead: d(false, "b"),
  lead: d({}, { fields: d(["email"], [["email", "phone", "name"]]), "consentText?": "s", "privacyUrl?": "s" }),
  prizes: [PRIZE],
  onStockOut: d("fallback", ["fallback", "renormalize"]),
  "fallbackPrizeId?": ID,
  pacing: d("none", ["none", "even"]),
  testMode: d(false, "b"),
  "bonusPlays?": { perShare: d(1, "p"), maxPerDay: d(1, "p") },
  "quiz?": QUIZ,
  theme: d({}, { "primary?": COLOR, "background?": COLOR, "text?": COLOR, "segmentColors?": [COLOR], "font?": FONT }),
  display: d(
    {},
    {
      "delaySeconds?": "n",
      "scrollPercent?": "n",
      exitIntent: d(false, "b"),
      "clickSelector?": "s",
      "urlPatterns?": ["s"],
      "excludeUrlPatterns?": ["s"],
      "devices?": [["mobile", "tablet", "desktop"]],
      "frequencyDays?": "n",
      launcher: d({}, { position: d("bottom-right", ["bottom-right", "bottom-left"]), "label?": "s" }),
    },
  ),
  mode: d("client", ["client", "server"]),
  "collector?": { "endpoint?": "s", "drawUrl?": "s" },
  "terms?": "s",
  "termsUrl?": "s",
  "share?": { "url?": "s", "text?": "s" },
};

const own = (o: object, k: string) => Object.hasOwn(o, k);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function walk(v: unknown, spec: Spec, path: string, problems: string[]): unknown {
  if (typeof spec === "function") {
    const [value, inner] = spec();
    return walk(v === undefined ? value : v, inner, path, problems);
  }
  const bad = (what: string) => {
    problems.push(`${path}: ${what}`);
    return v;
  };
  if (spec instanceof RegExp) return typeof v === "string" && spec.test(v) ? v : bad("has the wrong form");
  if (typeof spec === "string") {
    const ok =
      spec === "x" ||
      (spec === "s"
        ? typeof v === "string"
        : spec === "b"
          ? typeof v === "boolean"
          : spec === "t"
            ? typeof v === "string" && !Number.isNaN(Date.parse(v))
            : typeof v === "number" && v >= (spec === "p" ? 1 : 0) && (spec === "n" ? Number.isFinite(v) : Number.isInteger(v)));
    return ok ? v : bad("has the wrong type");
  }
  if (Array.isArray(spec)) {
    if (spec.length > 1) return spec.includes(v as string) ? v : bad(`must be one of ${spec.join(", ")}`);
    return Array.isArray(v) ? v.map((x, i) => walk(x, spec[0] as Spec, `${path}[${i}]`, problems)) : bad("must be a list");
  }
  if (!isObject(v)) return bad("must be an object");
  // unknown fields pass through: publish-time validation owns them, and newer fields must not break an older loader
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) if (k !== "__proto__") out[k] = v[k];
  for (const key of Object.keys(spec)) {
    const optional = key.endsWith("?");
    const k = optional ? key.slice(0, -1) : key;
    const x = own(v, k) ? v[k] : undefined;
    const field = (spec as Record<string, Spec>)[key]!;
    if (x === undefined && optional) continue;
    if (x === undefined && typeof field !== "function") bad(`${k} is missing`);
    else out[k] = walk(x, field, path ? `${path}.${k}` : k, problems);
  }
  if (!Object.keys(spec).length) for (const k of Object.keys(out)) if (typeof out[k] !== "string") bad(`${k} must be text`);
  return out;
}

/** the loader's answer in the shape it passes on: a campaign, or every problem as `path: sentence` */
export type CheckResult = { ok: true; campaign: Campaign } | { ok: false; issues: string[] };

/**
 * Check a parsed campaign document's structure and fill in the schema's defaults. Never throws.
 * @example
 * const r = checkCampaign(JSON.parse(text));
 * if (r.ok) render(r.campaign);
 */
export function checkCampaign(doc: unknown): CheckResult {
  const problems: string[] = [];
  try {
    const campaign = walk(doc, CAMPAIGN, "", problems) as Campaign;
    if (!problems.length) {
      if (!campaign.prizes.length) problems.push("prizes: is empty");
      if (campaign.game === "quiz" && !campaign.quiz) problems.push("quiz: is missing");
    }
    return problems.length ? { ok: false, issues: problems } : { ok: true, campaign };
  } catch (e) {
    return { ok: false, issues: [String(e)] };
  }
}
