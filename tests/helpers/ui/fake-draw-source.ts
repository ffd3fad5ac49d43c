// a scripted DrawSource for previews and tests: fixed outcomes, the campaign's play limits, no engine
import type { Campaign } from "../../../src/core/schema/campaign.js";
import type { DrawResult, Eligibility } from "../../../src/core/engine/types.js";
import type { DrawSource, Lead } from "../../../src/ui/draw-source.js";

export type FakeDrawSourceOptions = {
  /** prize ids to give, in order (repeats the last); the first prize when absent */
  outcomes?: string[];
  /** codes handed with winning prizes, in order */
  codes?: string[];
  /** a fixed refusal instead of the limits */
  deny?: Extract<Eligibility, { ok: false }>;
  /** answer draws after this many ms (a slow network) */
  delayMs?: number;
  /** bonus plays granted per share */
  bonus?: number;
  fail?: boolean;
  /** answer as the collector does in server mode: of a quiz, only whether it passed */
  server?: boolean;
};

export type FakeDrawSource = DrawSource & { draws: { answers?: unknown }[]; leads: Lead[]; shares: number };

/**
 * @example
 * const source = createFakeDrawSource(campaign, { outcomes: ["voucher50"], codes: ["TET-A1"] });
 */
export function createFakeDrawSource(campaign: Campaign, options: FakeDrawSourceOptions = {}): FakeDrawSource {
  const total = campaign.limits.perVisitor.total ?? null;
  let played = 0;
  let bonus = 0;
  let lead = false;
  const left = () => (total === null ? null : Math.max(0, total + bonus - played));
  const wait = () => new Promise((r) => setTimeout(r, options.delayMs ?? 0));
  const source: FakeDrawSource = {
    draws: [],
    leads: [],
    shares: 0,
    async eligibility() {
      if (options.fail) throw new Error("collector unreachable");
      if (options.deny) return options.deny;
      if (campaign.requireLead && !lead) return { ok: false, reason: "lead_required", playsLeft: left(), playsLeftToday: null };
      if (left() === 0) return { ok: false, reason: "limit_total", playsLeft: 0, playsLeftToday: null };
      return { ok: true, playsLeft: left(), playsLeftToday: null };
    },
    async draw(opts): Promise<DrawResult> {
      await wait();
      const e = await source.eligibility();
      if (!e.ok) return e;
      source.draws.push(opts ?? {});
      const ids = options.outcomes ?? [campaign.prizes[0]!.id];
      const id = ids[Math.min(played, ids.length - 1)]!;
      const prize = campaign.prizes.find((p) => p.id === id)!;
      // like the engine: a scripted code, else the prize's shared one
      const code = prize.win ? (options.codes?.[played] ?? prize.code) : undefined;
      const scored = campaign.quiz && opts?.answers ? scoreOf(campaign.quiz, opts.answers) : undefined;
      const quiz = scored && options.server ? { passed: scored.passed } : scored;
      played++;
      return {
        ok: true,
        drawId: `draw-${played}`,
        prize: { id: prize.id, label: prize.label, win: prize.win, ...(prize.description ? { description: prize.description } : {}) },
        win: prize.win,
        ...(code ? { code } : {}),
        playsLeft: left(),
        playsLeftToday: null,
        at: Date.now(),
        ...(quiz ? { quiz } : {}),
      };
    },
    async grantBonus() {
      source.shares++;
      bonus += options.bonus ?? 0;
      return options.bonus ?? 0;
    },
    async submitLead(l) {
      source.leads.push(l);
      lead = true;
    },
  };
  return source;
}

// right answers only, one point each: enough for previews; the engine does the real scoring
function scoreOf(quiz: NonNullable<Campaign["quiz"]>, answers: Record<string, number | number[]>) {
  const same = (a: number | number[] | undefined, b: number | number[] | undefined) => JSON.stringify(a) === JSON.stringify(b);
  const score = quiz.questions.filter((q) => same(answers[q.id], q.answer)).length;
  return { score, maxScore: quiz.questions.length, passed: score >= quiz.passScore, prizeIds: [] };
}
