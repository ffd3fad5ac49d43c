// the wheel screen: title, plays left, the wheel and its centre button
import { useMemo, useRef, useState, useEffect } from "preact/hooks";
import type { PublicPrize } from "../../core/engine/types.js";
import type { GameProps } from "../games.js";
import { useWidget } from "../shell/context.js";
import { Header } from "../shell/Header.js";
import { OddsLink } from "../shell/OddsLink.js";
import { segmentColors } from "../theme.js";
import { landingAngle } from "./geometry.js";
import { spin } from "./spin.js";
import { createTickSound, watchSegments } from "./ticker.js";
import { WheelFace, WheelPointer } from "./Wheel.js";

/** the wheel on the loading, intro, game and result screens; nothing on the others */
export function WheelGame({ screen, autoFocus }: GameProps) {
  if (screen !== "loading" && screen !== "intro" && screen !== "game" && screen !== "result") return null;
  return <WheelStage autoFocus={autoFocus} covered={screen === "result"} />;
}

/** `covered`: the result card lies over the wheel; the wheel is inert underneath */
function WheelStage({ autoFocus, covered }: { autoFocus: boolean; covered: boolean }) {
  const ctx = useWidget();
  const { campaign, flow, t } = ctx;
  const rotor = useRef<HTMLDivElement>(null);
  const hub = useRef<HTMLButtonElement>(null);
  const rotation = useRef(0);
  const [spinning, setSpinning] = useState(false);
  const [winner, setWinner] = useState<number | null>(null);
  const prizes = useMemo<PublicPrize[]>(
    () => campaign.prizes.map(({ id, label, win, image, color }) => ({ id, label, win, image, color })),
    [campaign],
  );
  const colors = useMemo(() => segmentColors(campaign.theme, prizes.length), [campaign, prizes.length]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: on mount only; autoFocus is an initial setting, not a reason to refocus
  useEffect(() => {
    if (autoFocus) hub.current?.focus();
    // only a turned wheel needs it: an identity transform written over the painted frame changed how its layer was
    // composited, a few shades of the hub apart on some runs
    if (rotor.current && rotation.current) rotor.current.style.transform = `rotate(${rotation.current}deg)`;
  }, []);
  // back from a result ("play again"): clear the glow and give the keyboard the spin button again
  const wasCovered = useRef(covered);
  useEffect(() => {
    if (wasCovered.current && !covered) {
      setWinner(null);
      hub.current?.focus();
    }
    wasCovered.current = covered;
  }, [covered]);

  async function onSpin() {
    if (spinning || flow.busy.value || !flow.start()) return;
    setWinner(null);
    setSpinning(true);
    try {
      // the prize is decided before the wheel moves; the angle only shows it
      const r = await flow.draw();
      if (!r) return;
      const index = prizes.findIndex((p) => p.id === r.prize?.id);
      if (index >= 0 && rotor.current) {
        const reduced = ctx.reducedMotion();
        // Math.random only picks where inside the segment to stop: a visual detail, not the draw
        // absent when the loader's structural check (not the full schema) read the campaign: the defaults apply
        const settings: Partial<typeof campaign.wheel> = campaign.wheel ?? {};
        // clamped to the schema's bounds: the loader's structural check knows only that they are numbers
        const turns = settings.turns ? Math.min(20, settings.turns) : 5 + Math.floor(Math.random() * 2);
        const to = landingAngle(index, prizes.length, Math.random, turns);
        const seconds = settings.spinSeconds ? Math.min(15, Math.max(1, settings.spinSeconds)) : 4 + Math.random() * 1.5;
        const duration = ctx.spinDurationMs ?? seconds * 1000;
        // sound only when the campaign asks and only now, inside the visitor's tap; never under reduced motion
        const sound = settings.sound && !reduced ? createTickSound(ctx.root.ownerDocument.defaultView!) : null;
        const listening = ctx.listening("segment");
        const stopWatching =
          sound || listening
            ? watchSegments(rotor.current, prizes.length, (i) => {
                sound?.tick();
                if (listening) ctx.notify("segment", { index: i, prize: prizes[i] });
              })
            : () => {};
        const { done, cancel } = spin(rotor.current, { from: rotation.current, to, durationMs: duration, reducedMotion: reduced });
        ctx.disposers.add(cancel);
        await done;
        stopWatching();
        sound?.close();
        ctx.disposers.delete(cancel);
        rotation.current = to % 360;
        setWinner(index);
        // a short beat on the landed segment before the result card
        // a fixed spin length (tests, previews) skips it
        await new Promise((res) => setTimeout(res, ctx.spinDurationMs !== undefined ? 0 : reduced ? 600 : 900));
      }
      flow.reveal(r);
      if (r.win) {
        // confetti is its own chunk, fetched on a win; it is decoration: failing to load it changes nothing
        import("../confetti.js")
          .then((m) => m.celebrate(ctx.root, [campaign.theme.primary ?? "#e11d48", ...colors], ctx.reducedMotion()))
          .then(
            (stop) => ctx.disposers.add(stop),
            () => {},
          );
      }
    } finally {
      setSpinning(false);
    }
  }

  // a painted wheel took taps already: it stays pressable while eligibility is read (a draw waits for it)
  const busy = spinning || flow.busy.value || (flow.eligibility.value === null && !ctx.ready);
  return (
    <div class={covered ? "mg-under" : "mg-fade"} inert={covered} aria-hidden={covered ? "true" : undefined}>
      <Header showDescription />
      {/* biome-ignore lint/a11y/noStaticElementInteractions: keys pressed on the spin button inside bubble here; the button is the control */}
      <div
        class="mg-wheel"
        onKeyDown={(e) => {
          // Space and Enter spin; handled here too because a click is not synthesized everywhere
          if (e.key === " " || e.key === "Enter") {
            e.preventDefault();
            void onSpin();
          }
        }}
      >
        <div class="mg-rotor" ref={rotor}>
          <WheelFace prizes={prizes} colors={colors} winner={winner} labels={campaign.wheel?.labels} />
        </div>
        <WheelPointer />
        <button
          type="button"
          class="mg-hub"
          data-mg-focus=""
          ref={hub}
          onClick={onSpin}
          disabled={busy}
          aria-label={t("wheel.spinLabel")}
          aria-describedby="mg-prizes"
        >
          {t("wheel.spin")}
        </button>
      </div>
      {/* the segments for screen readers, since the SVG is decorative */}
      <ul id="mg-prizes" class="mg-sr">
        {prizes.map((p) => (
          <li key={p.id}>{p.label}</li>
        ))}
      </ul>
      <p class="mg-hint" aria-live="polite">
        {busy ? t("wheel.spinning") : t("wheel.hint")}
      </p>
      <OddsLink />
    </div>
  );
}
