// the campaign document as campaign managers write it; zod/mini keeps the browser bundle small
// a namespace import lets bundlers drop the parts of zod we never call; `import { z }` pulls in all of it (every locale)
import * as z from "zod/mini";
import type { UrlKind } from "./url.js";
import { urlProblem } from "./url-problem.js";

const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
// colours and fonts end up in CSS custom properties: accept only shapes that cannot break out of a declaration
const COLOR = /^(#[0-9a-fA-F]{3,8}|(rgb|rgba|hsl|hsla)\([0-9\s.,%/+-]+\)|[a-zA-Z]{3,30})$/;
const FONT = /^[\w\s,"'-]{1,120}$/;

const id = () => z.string().check(z.regex(ID, "must be 1–64 letters, digits, '_', '.' or '-'"));
const color = () => z.string().check(z.regex(COLOR, "must be a CSS colour such as #d62828 or rgb(214, 40, 40)"));
const text = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));
const count = () => z.int().check(z.minimum(0));
const positive = () => z.int().check(z.minimum(1));

/** plays per network address per campaign day: above an office or a mobile carrier's shared address (docs/security.md) */
export const DEFAULT_PER_ADDRESS_PER_DAY = 200;
/** the proof of work's search space: a browser tries half of it on average (measured cost in docs/security.md) */
export const DEFAULT_POW_MAX_NUMBER = 50_000;
// every URL field names its use, and the allow-list of schemes for that use is checked here (see url.ts)
const url = (kind: UrlKind) =>
  z.string().check(
    z.minLength(1),
    z.maxLength(2048),
    z.superRefine((value, ctx) => {
      const problem = urlProblem(value, kind);
      if (problem) ctx.issues.push({ code: "custom", message: problem, input: value });
    }),
  );

export const codeGeneratorSchema = z.strictObject({
  prefix: z._default(z.string().check(z.maxLength(20)), ""),
  length: z._default(z.int().check(z.minimum(4), z.maximum(32)), 8),
  // no 0/O and 1/I/L by default: codes get read aloud and typed from screenshots
  alphabet: z._default(z.string().check(z.minLength(2), z.maxLength(64)), "23456789ABCDEFGHJKMNPQRSTUVWXYZ"),
});

// people's data: the consent text a visitor agrees to, and its version, both stored with the lead
export const consentSchema = z.strictObject({
  text: text(1000),
  /** change it whenever the text changes, so every stored lead says which wording it agreed to */
  version: z._default(z.string().check(z.minLength(1), z.maxLength(40)), "1"),
});

export const prizeSchema = z.strictObject({
  id: id(),
  label: text(80),
  description: z.optional(z.string().check(z.maxLength(500))),
  weight: z.number().check(z.minimum(0)),
  /** total units that can ever be given; absent means unlimited */
  stock: z.optional(count()),
  /** units that can be given per calendar day in the campaign timezone */
  dailyCap: z.optional(count()),
  /** false for "better luck next time" segments */
  win: z._default(z.boolean(), true),
  /** pool of unique coupon codes, handed out in order, never twice */
  codes: z.optional(z.array(z.string().check(z.minLength(1), z.maxLength(64)))),
  /** generate unique codes instead of using a pool */
  codeGenerator: z.optional(codeGeneratorSchema),
  /** one code shown to every winner of this prize, such as "TET10"; the only kind of code client mode can keep */
  code: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  /** cost of one unit, for forecasts in `minigame simulate` */
  value: z.optional(z.number().check(z.minimum(0))),
  image: z.optional(url("image")),
  color: z.optional(color()),
});

export const questionSchema = z.strictObject({
  id: id(),
  text: text(500),
  /** "nps": a 0–10 "how likely are you to recommend…" scale; it has no choices, is never scored, and feeds stats.nps */
  type: z._default(z.enum(["single", "multiple", "nps"]), "single"),
  /** 2–8 choices (none for an "nps" question) */
  choices: z._default(z.array(text(200)).check(z.minLength(2), z.maxLength(8)), []),
  /** "nps" questions: the words under 0 and under 10 (default: the widget's "Not at all likely" / "Extremely likely") */
  scaleLabels: z.optional(z.strictObject({ low: text(60), high: text(60) })),
  /** index of the right choice (single) or indexes of all right choices (multiple); omitted in outcome quizzes */
  answer: z.optional(z.union([count(), z.array(count())])),
  points: z._default(z.number().check(z.minimum(0)), 1),
  /** outcome quizzes: choice i adds one point to outcome choiceOutcomes[i] */
  choiceOutcomes: z.optional(z.array(id())),
  timeLimitSeconds: z.optional(z.int().check(z.minimum(3), z.maximum(600))),
  explanation: z.optional(z.string().check(z.maxLength(500))),
});

export const quizSchema = z.strictObject({
  /** "score": right answers add points; "outcome": answers vote for outcomes, the top outcome wins */
  mode: z._default(z.enum(["score", "outcome"]), "score"),
  questions: z.array(questionSchema).check(z.minLength(1), z.maxLength(50)),
  passScore: z._default(z.number().check(z.minimum(0)), 0),
  /** show right/wrong after each answer */
  feedback: z._default(z.boolean(), false),
  prizeTiers: z._default(
    z.array(z.strictObject({ minScore: z.number().check(z.minimum(0)), prizeIds: z.array(id()).check(z.minLength(1)) })),
    [],
  ),
  outcomes: z._default(
    z.array(
      z.strictObject({
        id: id(),
        title: text(120),
        description: z.optional(z.string().check(z.maxLength(500))),
        prizeIds: z._default(z.array(id()), []),
      }),
    ),
    [],
  ),
});

export const displaySchema = z.strictObject({
  delaySeconds: z.optional(z.number().check(z.minimum(0), z.maximum(3600))),
  scrollPercent: z.optional(z.number().check(z.minimum(0), z.maximum(100))),
  exitIntent: z._default(z.boolean(), false),
  clickSelector: z.optional(z.string().check(z.maxLength(200))),
  /** glob patterns matched against the page path, '*' matches anything */
  urlPatterns: z.optional(z.array(z.string().check(z.maxLength(200)))),
  excludeUrlPatterns: z.optional(z.array(z.string().check(z.maxLength(200)))),
  devices: z.optional(z.array(z.enum(["mobile", "tablet", "desktop"])).check(z.minLength(1))),
  /** show the popup at most once per this many days per visitor */
  frequencyDays: z.optional(z.number().check(z.minimum(0))),
  launcher: z._default(
    z.strictObject({
      position: z._default(z.enum(["bottom-right", "bottom-left"]), "bottom-right"),
      label: z.optional(text(40)),
    }),
    { position: "bottom-right" },
  ),
});

// ── games: scratch card, gift box, flip cards (each shows one draw its own way) ──

export const scratchSchema = z.strictObject({
  /** share of the cover scratched off (0.05–0.95) at which the rest clears and the result shows */
  threshold: z._default(z.number().check(z.minimum(0.05), z.maximum(0.95)), 0.5),
  coverColor: z.optional(color()),
  /** picture painted on the cover; same URL rules as prize images */
  coverImage: z.optional(url("image")),
  /** text printed on the cover, e.g. "Cào để nhận quà" */
  coverText: z.optional(text(60)),
  /** width of the scratch stroke in CSS pixels */
  brushSize: z._default(z.int().check(z.minimum(10), z.maximum(120)), 44),
});

const pickSchema = (count: number) =>
  z.strictObject({
    /** boxes or cards to choose from */
    count: z._default(z.int().check(z.minimum(2), z.maximum(9)), count),
    /** "none": the others stay closed; "sampled": each other one shows a prize drawn independently from the published odds */
    revealOthers: z._default(z.enum(["none", "sampled"]), "none"),
  });
export const giftboxSchema = pickSchema(3);
export const flipSchema = pickSchema(6);

export const GAMES = ["wheel", "quiz", "scratch", "giftbox", "flip"] as const;

export const wheelSettingsSchema = z.strictObject({
  /** length of a spin in seconds; 4–5.5 s at random when absent */
  spinSeconds: z.optional(z.number().check(z.minimum(1), z.maximum(15))),
  /** full turns before landing; 5 or 6 at random when absent */
  turns: z.optional(z.int().check(z.minimum(1), z.maximum(20))),
  /** a soft tick as each segment passes the pointer; off by default, and never before the visitor taps Spin */
  sound: z._default(z.boolean(), false),
  /** how segment labels are laid out */
  labels: z._default(
    z.strictObject({
      /** "radial": from the hub outwards; "tangential": across the segment, like text around a clock face */
      orientation: z._default(z.enum(["radial", "tangential"]), "radial"),
      /** "wrap": up to three lines, then smaller; "shrink": one line, smaller; "ellipsis": one readable line, cut with … */
      fit: z._default(z.enum(["wrap", "shrink", "ellipsis"]), "wrap"),
    }),
    { orientation: "radial", fit: "wrap" },
  ),
});

export const campaignSchema = z.strictObject({
  $schema: z.optional(z.string()),
  id: id(),
  title: z.optional(text(120)),
  description: z.optional(z.string().check(z.maxLength(1000))),
  game: z.enum(GAMES),
  locale: z._default(z.enum(["vi", "en"]), "vi"),
  /** overrides for UI strings, by key (see src/ui/i18n) */
  strings: z.optional(z.record(z.string(), z.string().check(z.maxLength(500)))),
  /** IANA zone for day boundaries of per-day limits, caps, pacing and stats */
  timezone: z._default(z.string(), "UTC"),
  schedule: z.optional(
    z.strictObject({ startsAt: z.optional(z.iso.datetime({ offset: true })), endsAt: z.optional(z.iso.datetime({ offset: true })) }),
  ),
  limits: z._default(
    z.strictObject({
      perVisitor: z._default(z.strictObject({ total: z.optional(positive()), perDay: z.optional(positive()) }), {}),
      cooldownSeconds: z._default(count(), 0),
      // server mode: plays per network address per campaign day, counted in the draw's transaction
      perAddress: z._default(z.strictObject({ perDay: z._default(positive(), DEFAULT_PER_ADDRESS_PER_DAY) }), {
        perDay: DEFAULT_PER_ADDRESS_PER_DAY,
      }),
    }),
    { perVisitor: {}, cooldownSeconds: 0, perAddress: { perDay: DEFAULT_PER_ADDRESS_PER_DAY } },
  ),
  requireLead: z._default(z.boolean(), false),
  lead: z._default(
    z.strictObject({
      fields: z._default(z.array(z.enum(["email", "phone", "name"])).check(z.minLength(1)), ["email"]),
      consentText: z.optional(z.string().check(z.maxLength(1000))),
      privacyUrl: z.optional(url("link")),
      // people's data: the consent the visitor agrees to, stored with each lead (see docs/security.md)
      consent: z.optional(consentSchema),
    }),
    { fields: ["email"] },
  ),
  prizes: z.array(prizeSchema).check(z.minLength(1), z.maxLength(1000)),
  onStockOut: z._default(z.enum(["fallback", "renormalize"]), "fallback"),
  fallbackPrizeId: z.optional(id()),
  /** "even" releases each prize's stock evenly over the schedule's days */
  pacing: z._default(z.enum(["none", "even"]), "none"),
  /** plays consume no stock and no codes; events carry props.test = true */
  testMode: z._default(z.boolean(), false),
  bonusPlays: z.optional(z.strictObject({ perShare: z._default(positive(), 1), maxPerDay: z._default(positive(), 1) })),
  quiz: z.optional(quizSchema),
  wheel: z._default(wheelSettingsSchema, { sound: false, labels: { orientation: "radial", fit: "wrap" } }),
  scratch: z._default(scratchSchema, { threshold: 0.5, brushSize: 44 }),
  giftbox: z._default(giftboxSchema, { count: 3, revealOthers: "none" }),
  flip: z._default(flipSchema, { count: 6, revealOthers: "none" }),
  theme: z._default(
    z.strictObject({
      primary: z.optional(color()),
      background: z.optional(color()),
      text: z.optional(color()),
      segmentColors: z.optional(z.array(color()).check(z.minLength(1), z.maxLength(24))),
      font: z.optional(z.string().check(z.regex(FONT, 'must be a font-family list such as "Be Vietnam Pro", sans-serif'))),
      // look and feel a brand can push further; a preset fills in what the fields above leave out
      /** a built-in look: "tet" (red and gold), "light" (clean), "dark" */
      preset: z.optional(z.enum(["tet", "light", "dark"])),
      /** two colours for a diagonal background gradient */
      backgroundGradient: z.optional(z.tuple([color(), color()])),
      /** picture behind the game; same URL rules as prize images */
      backgroundImage: z.optional(url("image")),
      /** corner radius of the card in px */
      radius: z.optional(z.int().check(z.minimum(0), z.maximum(32))),
      buttonStyle: z.optional(z.enum(["pill", "rounded", "square"])),
      /** second colour: ribbons, highlights, the gold of a Tết theme */
      accent: z.optional(color()),
    }),
    {},
  ),
  display: z._default(displaySchema, { exitIntent: false, launcher: { position: "bottom-right" } }),
  mode: z._default(z.enum(["client", "server"]), "client"),
  collector: z.optional(z.strictObject({ endpoint: z.optional(url("endpoint")), drawUrl: z.optional(url("endpoint")) })),
  terms: z.optional(z.string().check(z.maxLength(20000))),
  termsUrl: z.optional(url("link")),
  share: z.optional(z.strictObject({ url: z.optional(url("link")), text: z.optional(z.string().check(z.maxLength(300))) })),

  // people's data: what the collector keeps of the leads it stores, and for how long (see docs/security.md)
  leads: z.optional(
    z.strictObject({
      /** leads older than this many days are erased by the collector; absent keeps them until erased by hand */
      retentionDays: z.optional(z.int().check(z.minimum(1), z.maximum(3650))),
    }),
  ),

  // --- trust, server mode: who counts as one player, and the anti-farming layers (docs/security.md) ---
  /** "anonymous": the visitor the collector minted; "lead": per normalised email or phone; "member": per JWT `sub` */
  identity: z._default(z.enum(["anonymous", "lead", "member"]), "anonymous"),
  antiBot: z.optional(
    z.strictObject({
      /** an ALTCHA challenge solved in the browser before each draw; maxNumber sets the work */
      proofOfWork: z.optional(
        z.strictObject({ maxNumber: z._default(z.int().check(z.minimum(1000), z.maximum(10_000_000)), DEFAULT_POW_MAX_NUMBER) }),
      ),
    }),
  ),
});

export type Campaign = z.output<typeof campaignSchema>;
export type CampaignInput = z.input<typeof campaignSchema>;
export type Prize = Campaign["prizes"][number];
export type Quiz = NonNullable<Campaign["quiz"]>;
export type Question = Quiz["questions"][number];
export type Theme = Campaign["theme"];
export type DisplaySettings = Campaign["display"];
export type Game = Campaign["game"];
export type ScratchSettings = Campaign["scratch"];
export type PickSettings = Campaign["giftbox"];
