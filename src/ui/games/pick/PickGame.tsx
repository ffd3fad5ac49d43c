// "pick one of N" (gift boxes, flip cards): the pick starts the draw, the drawn prize appears in the item picked
import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { cryptoRandom } from "../../../core/engine/random.js";
import type { PublicPrize } from "../../../core/engine/types.js";
import type { PickSettings } from "../../../core/schema/campaign.js";
import { useWidget } from "../../shell/context.js";
import type { Won } from "../../shell/flow.js";
import { Header } from "../../shell/Header.js";
import { OddsLink } from "../../shell/OddsLink.js";
import { finishPlay } from "../finish.js";
import { sampleOthers } from "./sample-others.js";

export type PickVariant = "giftbox" | "flip";
type Phase = "idle" | "drawing" | "open" | "done";

export type PickGameProps = {
  variant: PickVariant;
  autoFocus?: boolean;
  covered?: boolean;
  /** one item: closed, or open with what it holds (the prize drawn, or a sample from the odds for the others) */
  renderItem(item: { index: number; open: boolean; chosen: boolean; prize: PublicPrize | null; win: boolean }): ComponentChildren;
  /** ms the opening animation takes; 0 under reduced motion */
  openMs: number;
};

export function PickGame({ variant, autoFocus = false, covered = false, renderItem, openMs }: PickGameProps) {
  const ctx = useWidget();
  const { campaign, flow, t } = ctx;
  // the schema's defaults, also when the loader's structural check (not the full schema) read the campaign
  const settings: PickSettings = {
    count: variant === "flip" ? 6 : 3,
    revealOthers: "none",
    ...(campaign[variant] as Partial<PickSettings> | undefined),
  };
  // the schema bounds it to 2–9; the loader's structural check only knows it is a positive integer
  const n = Math.max(2, Math.min(9, settings.count));
  const [chosen, setChosen] = useState<number | null>(null);
  const [result, setResult] = useState<Won | null>(null);
  const [others, setOthers] = useState<PublicPrize[] | null>(null);
  const [phase, setPhase] = useState<Phase>("idle");
  const first = useRef<HTMLButtonElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: focus once, when the game first shows
  useEffect(() => {
    if (autoFocus) first.current?.focus();
  }, []);
  // back from a result ("play again"): every item closed again
  const wasCovered = useRef(covered);
  useEffect(() => {
    if (wasCovered.current && !covered) {
      setChosen(null);
      setResult(null);
      setOthers(null);
      setPhase("idle");
      first.current?.focus();
    }
    wasCovered.current = covered;
  }, [covered]);

  async function pick(index: number) {
    if (phase !== "idle" || flow.busy.value || !flow.start()) return;
    setChosen(index);
    setPhase("drawing");
    const sampled = settings.revealOthers === "sampled";
    // the odds sheet's own figures for the others' samples, loaded while the prize is drawn so that every item opens in
    // the same frame (one layout, one set of animations); computed here only when the caller did not pass them (the
    // loader does not). Samples are decoration: if the odds cannot load, the others stay closed
    const odds = sampled
      ? ctx.odds
        ? Promise.resolve(ctx.odds())
        : import("../../../core/engine/odds.js").then((m) => m.publishedOdds(campaign)).catch(() => null)
      : null;
    // the prize is decided before the item opens; the item only shows it
    const r = await flow.draw();
    if (!r) {
      setChosen(null);
      setPhase("idle");
      return;
    }
    const reduced = ctx.reducedMotion();
    const sheet = await odds;
    setResult(r);
    if (sheet) setOthers(sampleOthers(sheet, n - 1, cryptoRandom));
    setPhase("open");
    // time to see the prize open, and the others when they are shown, before the result card
    const beat = reduced ? 300 : openMs + (sampled ? 1400 : 700);
    await finishPlay(ctx, r, beat);
    setPhase("done");
  }

  const waiting = flow.eligibility.value === null || phase !== "idle";
  const itemName = (i: number) => t(`${variant}.item`, { i: i + 1 });
  let other = 0;
  return (
    <div class={covered ? "mg-under" : "mg-fade"} inert={covered} aria-hidden={covered ? "true" : undefined}>
      <Header showDescription />
      <fieldset class={`mg-pick mg-pick-${variant} is-${phase} n-${n}`}>
        <legend class="mg-sr">{t(`${variant}.hint`)}</legend>
        {Array.from({ length: n }, (_, i) => {
          const isChosen = chosen === i;
          const open = phase !== "idle" && phase !== "drawing" && (isChosen || others !== null);
          const prize = isChosen ? (result?.prize ?? null) : open ? (others?.[other++] ?? null) : null;
          const win = isChosen ? !!result?.win : !!prize?.win;
          const label =
            open && prize ? (isChosen ? prize.label : t("pick.othersLabel", { item: itemName(i), prize: prize.label })) : itemName(i);
          return (
            <button
              // biome-ignore lint/suspicious/noArrayIndexKey: the items are positions, all alike until one is opened
              key={i}
              type="button"
              ref={i === 0 ? first : undefined}
              class={`mg-pick-item${isChosen ? " is-chosen" : ""}${open ? " is-open" : ""}${isChosen && phase === "drawing" ? " is-drawing" : ""}`}
              style={{ "--i": i }}
              onClick={() => void pick(i)}
              disabled={waiting && !isChosen}
              aria-disabled={waiting ? "true" : undefined}
              aria-label={label}
            >
              {renderItem({ index: i, open, chosen: isChosen, prize, win })}
            </button>
          );
        })}
      </fieldset>
      <p class="mg-hint">{phase === "drawing" ? t("pick.opening") : t(`${variant}.hint`)}</p>
      {settings.revealOthers === "sampled" && <p class="mg-note mg-pick-note">{t("pick.others")}</p>}
      <OddsLink />
    </div>
  );
}
