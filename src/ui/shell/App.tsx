// the screens of one widget, behind an error boundary
import { useErrorBoundary, useLayoutEffect, useRef } from "preact/hooks";
import { useWidget } from "./context.js";
import { Denied, ErrorView } from "./Denied.js";
import { LeadForm } from "./LeadForm.js";
import { OddsSheet } from "./OddsSheet.js";
import { Result } from "./Result.js";
import { WheelGame } from "../wheel/WheelGame.js";
import { QuizGame, QuizIntro } from "../quiz/Quiz.js";

export function Screens({ autoFocus = false }: { autoFocus?: boolean }) {
  const { flow, campaign, t } = useWidget();
  // a render error anywhere below becomes an `error` event and a quiet message, never a page exception
  const [error, reset] = useErrorBoundary((e) => flow.fail("render", e));
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
  const screen = flow.screen.value;
  const wheel = campaign.game === "wheel";
  const r = flow.result.value;
  // the wheel stays on screen while loading and under its result, landed on the prize
  const showWheel = wheel && (screen === "loading" || screen === "intro" || screen === "game" || screen === "result");
  return (
    <>
      {screen === "loading" && !wheel && (
        <div class="mg-loading" aria-busy="true">
          <span class="mg-spinner" />
        </div>
      )}
      {showWheel && <WheelGame autoFocus={autoFocus} covered={screen === "result"} />}
      {screen === "intro" && !wheel && <QuizIntro />}
      {screen === "game" && !wheel && <QuizGame />}
      {screen === "lead" && <LeadForm />}
      {screen === "result" &&
        (wheel ? (
          <div class="mg-over">
            <Result />
          </div>
        ) : (
          <Result />
        ))}
      {screen === "denied" && <Denied />}
      {screen === "error" && <ErrorView />}
      {flow.oddsOpen.value && <OddsSheet />}
      <div class="mg-sr" aria-live="assertive" aria-atomic="true">
        {screen === "result" && r ? t("result.announce", { prize: r.prize?.label ?? (r.win ? t("result.win") : t("result.lose")) }) : ""}
      </div>
    </>
  );
}

/** the inline quiz card keeps the game's height on the result and loading screens, so the host page does not jump */
export function InlineCard() {
  const { flow, campaign } = useWidget();
  const card = useRef<HTMLDivElement>(null);
  const last = useRef(0);
  const screen = flow.screen.value;
  const hold = campaign.game === "quiz" && (screen === "result" || screen === "loading");
  useLayoutEffect(() => {
    const el = card.current;
    if (!el) return;
    if (hold && last.current) el.style.minHeight = `${last.current}px`;
    else if (!hold) {
      el.style.minHeight = "";
      last.current = el.offsetHeight;
    }
  });
  return (
    <div class={`mg-card${hold ? " is-result" : ""}`} ref={card}>
      <Screens />
    </div>
  );
}
