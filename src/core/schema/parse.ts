import type { core } from "zod/mini";
import { campaignSchema, type Campaign } from "./campaign.js";
import { type CampaignIssue, fromZodIssue } from "./issues.js";
import { crossCheck, salvage } from "./cross-check.js";

export { prizeCapacity, isLimited } from "./capacity.js";

export type ParseOptions = {
  /**
   * The campaign as a browser gets it: in server mode, the collector's public view, without a quiz's answers or outcome
   * mapping (the collector keeps them and scores the quiz). Every other rule still applies.
   */
  served?: boolean;
};

export type ParseResult = { ok: true; campaign: Campaign; issues: [] } | { ok: false; campaign?: undefined; issues: CampaignIssue[] };

/**
 * Validate a campaign document (an object or JSON text). Never throws: every problem comes back at once,
 * each with its JSON path and a plain sentence.
 * @example
 * const r = parseCampaign(json);
 * if (!r.ok) console.error(r.issues.map(formatIssue).join("\n"));
 */
export function parseCampaign(input: unknown, options: ParseOptions = {}): ParseResult {
  const served = options.served === true;
  // validate once at the edge: a campaign this function produced is passed through (auto-init → mount)
  if (typeof input === "object" && input !== null && validated.has(input)) return { ok: true, campaign: input as Campaign, issues: [] };
  try {
    let doc = input;
    if (typeof input === "string") {
      try {
        doc = JSON.parse(input);
      } catch (e) {
        return { ok: false, issues: [{ path: "", message: `is not valid JSON (${(e as Error).message})` }] };
      }
    }
    doc = ownData(doc);
    const parsed = campaignSchema.safeParse(doc);
    if (!parsed.success) {
      const issues = parsed.error.issues.flatMap((i) => fromZodIssue(i, doc, keysAt));
      // cross-field rules over the fields that did pass, so one run shows every problem
      const partial = salvage(doc);
      if (partial) issues.push(...crossCheck(partial.campaign, partial.broken, partial.prizeIds, served));
      return { ok: false, issues };
    }
    const issues = crossCheck(parsed.data, undefined, undefined, served);
    if (issues.length) return { ok: false, issues };
    // only a full campaign passes later checks unseen: a served copy may lack what the collector keeps
    if (!served) validated.add(parsed.data);
    return { ok: true, campaign: parsed.data, issues: [] };
  } catch (e) {
    // the promise is "never throws into the host page", even on inputs nobody foresaw
    return { ok: false, issues: [{ path: "", message: `could not be read (${String(e)})` }] };
  }
}

/** campaigns returned by parseCampaign; a weak set, so it never keeps one alive */
const validated = new WeakSet<object>();

/**
 * The document's plain objects copied onto null prototypes. Validation walks objects with for…in, so on a page
 * that added enumerable keys to Object.prototype every object would seem to carry unknown fields; a "__proto__"
 * key becomes a plain field too.
 */
function ownData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(ownData);
  if (value === null || typeof value !== "object") return value;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const copy = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(value)) copy[key] = ownData((value as Record<string, unknown>)[key]);
  return copy;
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
