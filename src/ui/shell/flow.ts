// the widget's state machine: intro → (lead) → game → result, or a denied screen; UI-free so it is easy to test
import { createState, type State } from "./state.js";
import type { Campaign } from "../../core/schema/campaign.js";
import type { DrawResult, Eligibility, QuizAnswers } from "../../core/engine/types.js";
import { npsAnswer } from "../../core/engine/nps.js";
import type { EventType as EventName, EventProps } from "../../core/events/index.js";
import type { DrawSource, Lead } from "../draw-source.js";
import { createPlayMemory, type PlayMemory } from "../play-memory.js";

export type Screen = "loading" | "intro" | "lead" | "game" | "result" | "denied" | "error";
export type Won = Extract<DrawResult, { ok: true }>;
// one source of truth for event names and props: the event schema in core
export type { EventName, EventProps };
/** where events go: the tracker (flat props, docs/tracker.md) and the page's listeners (richer payloads) */
export type EventSink = { track(name: EventName, props?: EventProps): void; notify(name: EventName, payload?: unknown): void };

export type Flow = ReturnType<typeof createFlow>;

/** `memory` keeps a drawn-but-unshown result and the last unclaimed win across reloads (this page only by default) */
export function createFlow(
  campaign: Campaign,
  source: DrawSource,
  sink: EventSink,
  state: State = createState(),
  memory: PlayMemory = createPlayMemory(campaign, ""),
) {
  const { signal, batch } = state;
  const emit = (name: EventName, props?: EventProps, payload: unknown = props) => {
    sink.track(name, props);
    sink.notify(name, payload);
  };
  const screen = signal<Screen>("loading");
  const eligibility = signal<Eligibility | null>(null);
  const result = signal<Won | null>(null);
  const busy = signal(false);
  const notice = signal<string | null>(null);
  const oddsOpen = signal(false);
  /** a win the visitor has not claimed yet, kept across reloads so its code is never lost */
  const saved = signal<Won | null>(memory.lastWin());
  // a quiz shows its result the moment it is drawn, from answers a reload would lose: nothing to resume
  const resumable = campaign.game !== "quiz";
  /** a won prize delivered by the brand (no code): held back until the visitor says how to reach them */
  const pending = signal<Won | null>(null);
  let leadGiven = false;
  let opened = false;

  /** report a failure once, without the stack: the page sees an `error` event and a quiet message */
  function fail(where: string, error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    // the tracker's props keep the event schema's `message`; the page hears the widget's one error shape, `{ error, where }`
    emit("error", { where, message: message.slice(0, 300) }, { where, error: message });
    batch(() => {
      busy.value = false;
      screen.value = "error";
    });
  }

  /** the eligibility read in flight, which a draw started before it is known waits for */
  let refreshing: Promise<void> | null = null;
  function refresh(): Promise<void> {
    refreshing = check();
    return refreshing;
  }
  async function check() {
    try {
      const e = await source.eligibility();
      eligibility.value = e;
      if (screen.value === "result") return; // keep the prize on screen; "play again" reads the new state
      // a draw made before a reload is still owed to the visitor, even if it used their last play
      screen.value = e.ok || e.reason === "lead_required" || owed() ? "intro" : "denied";
    } catch (e) {
      fail("eligibility", e);
    }
  }

  /** inline widgets count "open" when the visitor first engages; modals when the dialog opens */
  function markOpen() {
    if (opened) return;
    opened = true;
    emit("open", { game: campaign.game });
  }

  /** from the intro: ask for the lead first when the campaign needs one */
  function start(): boolean {
    markOpen();
    const e = eligibility.value;
    if (e && !e.ok && e.reason === "lead_required") {
      screen.value = "lead";
      return false;
    }
    if (campaign.game === "quiz") screen.value = "game";
    return true;
  }

  async function submitLead(lead: Lead) {
    try {
      busy.value = true;
      await source.submitLead(lead);
      leadGiven = true;
      const fields = (["email", "phone", "name"] as const).filter((f) => lead[f]).join(",");
      emit("lead", { fields, consent: lead.consent }, lead);
      busy.value = false;
      const held = pending.value;
      if (held) {
        pending.value = null;
        reveal(held);
        return;
      }
      await refresh();
      if (eligibility.value?.ok && campaign.game === "quiz") screen.value = "game";
    } catch (e) {
      fail("lead", e);
    }
  }

  /** decide the prize; the caller animates, then calls reveal(). Null when refused or failed. */
  async function draw(answers?: QuizAnswers): Promise<Won | null> {
    if (busy.value) return null;
    markOpen();
    busy.value = true;
    // pressed before eligibility was known (a painted wheel takes taps before the widget runs): the screen it decides is
    // shown before the wheel moves, never under it; the draw itself is the source's to allow or refuse
    if (eligibility.value === null && refreshing) {
      await refreshing;
      if (eligibility.value === null) {
        // the read failed (before this press or while it waited): its error screen is showing, and nothing is playing
        busy.value = false;
        return null;
      }
    }
    // drawn before a reload and never shown: show that one; its play and result were tracked when it was drawn
    const due = owed();
    if (due) return due;
    try {
      const r = await source.draw(answers ? { answers } : {});
      if (!r.ok) {
        const denied: Eligibility = {
          ok: false,
          reason: r.reason,
          playsLeft: r.playsLeft,
          playsLeftToday: r.playsLeftToday,
          ...(r.retryAt ? { retryAt: r.retryAt } : {}),
        };
        batch(() => {
          busy.value = false;
          eligibility.value = denied;
          screen.value = r.reason === "lead_required" ? "lead" : "denied";
        });
        return null;
      }
      const props: EventProps = { game: campaign.game, drawId: r.drawId, prizeId: r.prize?.id ?? null, win: r.win };
      if (r.test) props.test = true;
      // client mode only: in server mode the collector keeps the score to itself
      if (r.quiz?.score !== undefined) props.score = r.quiz.score;
      // the NPS answer rides on the result, where stats.nps counts it (one per play)
      const nps = npsAnswer(campaign, answers);
      if (nps !== null) props.nps = nps;
      // tracked at once so a visitor leaving mid-spin still counts; the page hears "result" at the reveal
      emit("play", { game: campaign.game, drawId: r.drawId, ...(r.test ? { test: true } : {}) });
      sink.track("result", props);
      if (resumable) memory.keepPending(r);
      return r;
    } catch (e) {
      fail("draw", e);
      return null;
    }
  }

  /** the draw this visitor is owed from before a reload, if any */
  function owed(): Won | null {
    return resumable ? memory.pending() : null;
  }

  function reveal(r: Won) {
    // "we will contact you" is a promise only once we know how: ask before the prize is shown
    if (needsContact(r) && !leadGiven) {
      batch(() => {
        busy.value = false;
        pending.value = r;
        screen.value = "lead";
      });
      return;
    }
    memory.clearPending();
    if (r.win) memory.keepWin(r);
    batch(() => {
      if (r.win) saved.value = r;
      busy.value = false;
      result.value = r;
      eligibility.value = { ok: true, playsLeft: r.playsLeft, playsLeftToday: r.playsLeftToday };
      screen.value = "result";
    });
    sink.notify("result", r);
  }

  function claim() {
    const r = result.value;
    if (r && saved.value?.drawId === r.drawId) {
      memory.clearWin();
      saved.value = null;
    }
    if (r) emit("claim", { prizeId: r.prize?.id ?? null, drawId: r.drawId, ...(r.test ? { test: true } : {}) }, r);
  }

  async function playAgain() {
    batch(() => {
      result.value = null;
      notice.value = null;
      screen.value = "loading";
    });
    await refresh();
    if (screen.value === "intro" && campaign.game === "quiz") screen.value = "game";
  }

  /** show the saved win again (after a reload): no event, the play was counted when it was drawn */
  function showSaved() {
    const r = saved.value;
    if (!r) return;
    batch(() => {
      result.value = r;
      screen.value = "result";
    });
  }

  /** after a share: grant the bonus play, if any is left today */
  async function shared(method: string) {
    try {
      const granted = await source.grantBonus();
      emit("share", { method, granted }, { method, granted });
      return granted;
    } catch (e) {
      fail("share", e);
      return 0;
    }
  }

  return {
    subscribe: state.subscribe,
    screen,
    oddsOpen,
    eligibility,
    pending,
    result,
    busy,
    notice,
    saved,
    owed,
    showSaved,
    refresh,
    start,
    submitLead,
    draw,
    reveal,
    claim,
    playAgain,
    shared,
    fail,
    markOpen,
    resetOpen: () => (opened = false),
  };
}

/** a win with no code: the brand delivers it, so it needs the visitor's contact details */
export function needsContact(r: Won): boolean {
  return r.win && r.code === undefined;
}

/** more plays are possible right now */
export function canPlayAgain(r: { playsLeft: number | null; playsLeftToday: number | null }): boolean {
  return (r.playsLeft ?? 1) > 0 && (r.playsLeftToday ?? 1) > 0;
}
