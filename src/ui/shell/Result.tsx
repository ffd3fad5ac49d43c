// the result card: prize, coupon code with copy, claim, play again, share
import { useEffect, useRef, useState } from "preact/hooks";
import type { QuizResult } from "../../core/engine/types.js";
import type { Quiz } from "../../core/schema/campaign.js";
import { safeUrl } from "../../core/schema/url.js";
import { canPlayAgain } from "./flow.js";
import { useWidget } from "./context.js";
import { copyText } from "./copy.js";
import { GiftIcon, HeartIcon } from "./icons.js";
import { OddsLink } from "./OddsLink.js";
import { ShareButton } from "./Share.js";

export function Result() {
  const { flow, t, root, campaign } = useWidget();
  const heading = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState<boolean | null>(null);
  const [claimed, setClaimed] = useState(false);
  useEffect(() => heading.current?.focus(), []);
  const r = flow.result.value;
  if (!r) return null;
  const prize = r.prize;
  const image = safeUrl(prize?.image, "image");
  const e = flow.eligibility.value ?? r;

  const claimOnce = () => {
    if (!claimed) flow.claim();
    setClaimed(true);
  };
  async function onCopy() {
    const ok = await copyText(r!.code ?? "", root);
    setCopied(ok);
    // copying the code is the visitor taking the prize
    claimOnce();
  }

  return (
    <div class="mg-fade">
      <div class="mg-burst">{r.win ? <GiftIcon /> : <HeartIcon />}</div>
      <h2 class="mg-title" tabIndex={-1} ref={heading}>
        {r.win ? t("result.win") : t("result.lose")}
      </h2>
      {r.quiz && <QuizLine quiz={r.quiz} outcomes={campaign.quiz?.mode === "outcome" ? campaign.quiz.outcomes : null} />}
      {r.win && (
        <p class="mg-sub" style={{ marginBottom: 0 }}>
          {t("result.wonPrize")}
        </p>
      )}
      {prize && (
        <p class="mg-prize" style={r.win ? undefined : { color: "var(--mg-muted)", fontSize: "18px", fontWeight: 700 }}>
          {prize.label}
        </p>
      )}
      {image && <img class="mg-prize-img" src={image} alt="" />}
      {prize?.description && <p class="mg-sub">{prize.description}</p>}
      {r.code && (
        <>
          <div class="mg-code">
            <span class="mg-code-text">
              <span class="mg-code-label">{t("result.code")}</span>
              {r.code}
            </span>
            <button type="button" class="mg-copy" onClick={onCopy} aria-live="polite">
              {copied ? t("result.copied") : t("result.copy")}
            </button>
          </div>
          <p class="mg-note">{copied === false ? t("result.copyFailed") : t("result.saveHint")}</p>
        </>
      )}
      {r.win && !r.code && (
        <div class="mg-stack">
          {claimed ? (
            <p class="mg-ok" role="status">
              {t("result.claimed")}
            </p>
          ) : (
            <button type="button" class="mg-btn" onClick={claimOnce}>
              {t("result.claim")}
            </button>
          )}
        </div>
      )}
      <div class="mg-stack">
        {canPlayAgain(e) && (
          <button type="button" class={r.win && !r.code ? "mg-btn mg-btn-ghost" : "mg-btn"} onClick={() => flow.playAgain()}>
            {t("result.playAgain")}
          </button>
        )}
        {!canPlayAgain(e) && <ShareButton />}
      </div>
      <OddsLink />
    </div>
  );
}

/**
 * A score quiz says the score when it has one (client mode) and else only whether it passed (server mode, where the
 * collector keeps the score); a personality (outcome) quiz says which outcome the answers chose, never a score.
 */
function QuizLine({ quiz, outcomes }: { quiz: QuizResult; outcomes: Quiz["outcomes"] | null }) {
  const { t } = useWidget();
  if (!outcomes)
    return (
      <p class="mg-score">
        {quiz.score === undefined
          ? t(quiz.passed ? "quiz.passed" : "quiz.failed")
          : t("quiz.score", { score: quiz.score, max: quiz.maxScore! })}
      </p>
    );
  const outcome = outcomes.find((o) => o.id === quiz.outcomeId);
  if (!outcome) return null;
  return (
    <div class="mg-outcome">
      <p class="mg-score">{t("quiz.outcome")}</p>
      <p class="mg-outcome-title">{outcome.title}</p>
      {outcome.description && <p class="mg-sub">{outcome.description}</p>}
    </div>
  );
}
