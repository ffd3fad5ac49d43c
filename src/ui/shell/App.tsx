// the screens of one widget, behind an error boundary; the game and the after-play screens arrive as chunks
import { useErrorBoundary, useEffect, useRef } from "preact/hooks";
import { useWidget } from "./context.js";
import { SavedWin } from "./SavedWin.js";

export function Screens({ autoFocus = false }: { autoFocus?: boolean }) {
  const { flow, t, game, later, loadLater } = useWidget();
  // a render error anywhere below becomes an `error` event and a quiet message, never a page exception
  const [error, reset] = useErrorBoundary((e) => flow.fail("render", e));
  const screen = flow.screen.value;
  const g = game.value;
  const after = later.value;
  // a play under way (the wheel's spin, a quiz's questions) ends on a result: its screens load meanwhile
  const needsLater =
    screen === "lead" ||
    screen === "game" ||
    screen === "result" ||
    screen === "denied" ||
    screen === "error" ||
    flow.busy.value ||
    flow.oddsOpen.value;
  useEffect(() => {
    if (needsLater && !after) loadLater();
  }, [needsLater, after, loadLater]);
  if (error) {
    return (
      <div class="mg-quiet" role="alert">
        <p>{t("error")}</p>
        <button
          type="button"
          class="mg-btn mg-btn-ghost"
          onClick={() => {
            reset();
            flow.playAgain();
          }}
        >
          {t("error.retry")}
        </button>
      </div>
    );
  }
  const r = flow.result.value;
  return (
    <>
      {!g && (
        <div class="mg-loading" aria-busy="true">
          <span class="mg-spinner" />
        </div>
      )}
      {(screen === "intro" || screen === "denied") && <SavedWin />}
      {g && <g.Game screen={screen} autoFocus={autoFocus} />}
      {after && screen === "lead" && <after.LeadForm />}
      {after &&
        screen === "result" &&
        (g?.underResult ? (
          <div class="mg-over">
            <after.Result />
          </div>
        ) : (
          <after.Result />
        ))}
      {after && screen === "denied" && <after.Denied />}
      {after && screen === "error" && <after.ErrorView />}
      {after && flow.oddsOpen.value && <after.OddsSheet />}
      <div class="mg-sr" aria-live="assertive" aria-atomic="true">
        {screen === "result" && r ? t("result.announce", { prize: r.prize?.label ?? (r.win ? t("result.win") : t("result.lose")) }) : ""}
      </div>
    </>
  );
}

/**
 * The inline quiz card keeps the game's height on the result and loading screens, so the host page does not
 * jump. The height comes from a ResizeObserver: reading offsetHeight during a render would force a layout.
 */
export function InlineCard() {
  const { flow, campaign } = useWidget();
  const card = useRef<HTMLDivElement>(null);
  const last = useRef(0);
  const screen = flow.screen.value;
  const hold = campaign.game === "quiz" && (screen === "result" || screen === "loading");
  const holding = useRef(hold);
  holding.current = hold;
  useEffect(() => {
    const el = card.current;
    const RO = globalThis.ResizeObserver;
    if (!el || campaign.game !== "quiz" || typeof RO !== "function") return;
    const observer = new RO((entries) => {
      const size = entries[0]?.borderBoxSize?.[0];
      if (!holding.current && size) last.current = size.blockSize;
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [campaign.game]);
  const minHeight = hold && last.current ? `${last.current}px` : undefined;
  return (
    <div class={`mg-card${hold ? " is-result" : ""}`} ref={card} style={minHeight ? { minHeight } : undefined}>
      <Screens />
    </div>
  );
}
