// the scratch card: the prize is drawn at the first touch (or the reveal button), then scratching only uncovers it
import { useEffect, useRef, useState } from "preact/hooks";
import type { ScratchSettings } from "../../../core/schema/campaign.js";
import { useWidget } from "../../shell/context.js";
import type { Won } from "../../shell/flow.js";
import { Header } from "../../shell/Header.js";
import { OddsLink } from "../../shell/OddsLink.js";
import type { GameProps } from "../../games.js";
import { finishPlay } from "../finish.js";
import { PrizeFace } from "../PrizeFace.js";
import { paintCover } from "./paint-cover.js";
import { createScratchCover, type ScratchCover } from "./scratch-cover.js";

type Phase = "idle" | "drawing" | "ready" | "revealed";

/** the scratch card on the loading, intro, game and result screens (under the result card); nothing on the others */
export function ScratchGame({ screen, autoFocus }: GameProps) {
  if (screen !== "loading" && screen !== "intro" && screen !== "game" && screen !== "result") return null;
  return <ScratchStage autoFocus={autoFocus} covered={screen === "result"} />;
}

/** `covered`: the result card lies over the scratch card; it is inert underneath */
function ScratchStage({ autoFocus, covered }: { autoFocus: boolean; covered: boolean }) {
  const ctx = useWidget();
  const { campaign, flow, t } = ctx;
  // the schema's defaults, also when the loader's structural check (not the full schema) read the campaign
  const settings: ScratchSettings = { threshold: 0.5, brushSize: 44, ...(campaign.scratch as Partial<ScratchSettings> | undefined) };
  const canvas = useRef<HTMLCanvasElement>(null);
  const paintCanvas = useRef<HTMLCanvasElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const cover = useRef<ScratchCover | null>(null);
  // a draw owed from before a reload is shown under a fresh cover; it is never drawn again
  const [result, setResult] = useState<Won | null>(() => flow.owed());
  const [phase, setPhase] = useState<Phase>(() => (result ? "ready" : "idle"));
  const drawing = useRef<Promise<Won | null> | null>(null);
  const current = useRef(result);
  current.current = result;

  // the prize, decided once: by the first touch, the reveal button, or the draw owed from before a reload
  function ensureDrawn(): Promise<Won | null> {
    if (current.current) return Promise.resolve(current.current);
    if (drawing.current) return drawing.current;
    if (!flow.start()) return Promise.resolve(null); // the lead form comes first
    setPhase("drawing");
    drawing.current = flow.draw().then((r) => {
      drawing.current = null;
      current.current = r;
      setResult(r);
      setPhase(r ? "ready" : "idle");
      if (!r) cover.current?.reset();
      return r;
    });
    return drawing.current;
  }

  async function finish(r: Won, how: "scratched" | "button") {
    if (phase === "revealed") return;
    setPhase("revealed");
    ctx.notify("reveal", { game: "scratch", how, scratched: cover.current?.share() ?? 0, threshold: settings.threshold });
    // the result card must not land under a finger still scratching: a lift there would tap its buttons
    await cover.current?.released();
    await finishPlay(ctx, r, ctx.reducedMotion() ? 0 : 450);
  }
  const finishRef = useRef(finish);
  finishRef.current = finish;

  // biome-ignore lint/correctness/useExhaustiveDependencies: one cover per mount; its callbacks read the current state through refs
  useEffect(() => {
    const el = canvas.current;
    const below = paintCanvas.current;
    if (!el || !below) return;
    let image: HTMLImageElement | null = null;
    const c = createScratchCover(el, below, {
      brush: settings.brushSize,
      threshold: Math.min(0.95, Math.max(0.05, settings.threshold)),
      paint: (g, w, h) => paintCover(g, w, h, { settings, text: settings.coverText ?? t("scratch.cover"), image, font: fontOf(el) }),
      onFirstTouch() {
        void ensureDrawn().then((r) => {
          if (!r) return;
          // reduced motion: no scratching to watch, the first touch shows the prize
          if (ctx.reducedMotion()) void finishRef.current(r, "button");
          else cover.current?.enable();
        });
      },
      onThreshold: () => current.current && void finishRef.current(current.current, "scratched"),
    });
    cover.current = c;
    if (current.current) c.enable();
    const src = settings.coverImage;
    if (src) {
      const img = new Image();
      img.onload = () => {
        image = img;
        c.repaint();
      };
      img.src = src;
    }
    const ro = typeof ResizeObserver === "function" ? new ResizeObserver(() => c.resize()) : null;
    ro?.observe(el);
    if (autoFocus) button.current?.focus();
    return () => {
      ro?.disconnect();
      c.destroy();
    };
  }, []);

  // back from a result ("play again"): a fresh cover, nothing drawn yet
  const wasCovered = useRef(covered);
  useEffect(() => {
    if (wasCovered.current && !covered) {
      current.current = null;
      setResult(null);
      setPhase("idle");
      cover.current?.reset();
      button.current?.focus();
    }
    wasCovered.current = covered;
  }, [covered]);

  async function onRevealButton() {
    const r = await ensureDrawn();
    if (r) await finish(r, "button");
  }

  const waiting = flow.eligibility.value === null;
  const hint = phase === "drawing" ? t("scratch.drawing") : t("scratch.hint");
  return (
    <div class={covered ? "mg-under" : "mg-fade"} inert={covered} aria-hidden={covered ? "true" : undefined}>
      <Header showDescription />
      {/* decorative for assistive technology: the reveal button below does the same, and the live region says the prize */}
      <div class={`mg-scratch is-${phase}`} aria-hidden="true">
        <div class="mg-scratch-prize">{result ? <PrizeFace prize={result.prize} win={result.win} /> : null}</div>
        <canvas class="mg-scratch-paint" ref={paintCanvas} />
        <canvas class="mg-scratch-cover" ref={canvas} />
      </div>
      <p class="mg-hint">{hint}</p>
      <button
        type="button"
        class="mg-link mg-scratch-reveal"
        ref={button}
        onClick={onRevealButton}
        disabled={waiting || phase === "drawing" || phase === "revealed"}
      >
        {t("scratch.reveal")}
      </button>
      <OddsLink />
    </div>
  );
}

function fontOf(el: Element): string {
  try {
    return getComputedStyle(el).fontFamily || "sans-serif";
  } catch {
    return "sans-serif";
  }
}
