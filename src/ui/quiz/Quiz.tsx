// the quiz: intro, one question per screen with progress and optional timer/feedback, then the engine scores it
import { useEffect, useRef, useState } from "preact/hooks";
import type { QuizAnswers } from "../../core/engine/types.js";
import type { Question } from "../../core/schema/campaign.js";
import type { GameProps } from "../games.js";
import { useWidget } from "../shell/context.js";
import { Header } from "../shell/Header.js";
import { OddsLink } from "../shell/OddsLink.js";
import { Choices } from "./Choices.js";
import { NpsScale } from "./NpsScale.js";

/** the quiz's own screens: a spinner while loading, the intro, the questions */
export function QuizScreen({ screen }: GameProps) {
  if (screen === "loading")
    return (
      <div class="mg-loading" aria-busy="true">
        <span class="mg-spinner" />
      </div>
    );
  if (screen === "intro") return <QuizIntro />;
  if (screen === "game") return <QuizGame />;
  return null;
}

export function QuizIntro() {
  const { campaign, flow, t } = useWidget();
  return (
    <div class="mg-fade">
      <Header />
      <p class="mg-sub">{t("quiz.count", { n: campaign.quiz?.questions.length ?? 0 })}</p>
      <div class="mg-stack">
        <button type="button" class="mg-btn" onClick={() => flow.start()}>
          {t("quiz.start")}
        </button>
      </div>
      <OddsLink />
    </div>
  );
}

const rightAnswers = (q: Question): number[] => (q.answer === undefined ? [] : Array.isArray(q.answer) ? q.answer : [q.answer]);

export function QuizGame() {
  const ctx = useWidget();
  const { campaign, flow, t } = ctx;
  const quiz = campaign.quiz!;
  const [index, setIndex] = useState(0);
  const [selected, setSelected] = useState<number[]>([]);
  const [revealed, setRevealed] = useState(false);
  const [left, setLeft] = useState<number | null>(null);
  const answers = useRef<QuizAnswers>({});
  const next = useRef<HTMLButtonElement>(null);
  const q = quiz.questions[index]!;
  const last = index === quiz.questions.length - 1;
  const multiple = q.type === "multiple";
  const withFeedback = quiz.feedback && q.answer !== undefined;

  // per-question countdown; at zero the current selection is the answer
  // biome-ignore lint/correctness/useExhaustiveDependencies: `index` names the question (and so its time limit); the countdown restarts per question
  useEffect(() => {
    if (!q.timeLimitSeconds || revealed) return setLeft(null);
    const end = Date.now() + q.timeLimitSeconds * 1000;
    setLeft(q.timeLimitSeconds);
    const id = setInterval(() => {
      const s = Math.max(0, Math.ceil((end - Date.now()) / 1000));
      setLeft(s);
      if (s === 0) {
        clearInterval(id);
        confirmRef.current(true);
      }
    }, 250);
    return () => clearInterval(id);
  }, [index, revealed]);

  function confirm(timeUp = false, chosen = selected) {
    if (revealed) return advance();
    if (!chosen.length && !timeUp) return;
    if (chosen.length) answers.current[q.id] = multiple ? chosen : chosen[0]!;
    if (withFeedback) {
      setRevealed(true);
      setTimeout(() => next.current?.focus(), 0);
    } else advance();
  }
  const confirmRef = useRef(confirm);
  confirmRef.current = confirm;

  async function advance() {
    if (!last) {
      setIndex(index + 1);
      setSelected([]);
      setRevealed(false);
      return;
    }
    const r = await flow.draw(answers.current);
    if (!r) return;
    flow.reveal(r);
    if (r.win)
      import("../confetti.js")
        .then((m) => m.celebrate(ctx.root, [campaign.theme.primary ?? "#e11d48", "#ffd166", "#06d6a0"], ctx.reducedMotion()))
        .then(
          (stop) => ctx.disposers.add(stop),
          () => {},
        );
  }

  const isRight = revealed && rightAnswers(q).length === selected.length && rightAnswers(q).every((a) => selected.includes(a));
  const action = revealed
    ? last
      ? t("quiz.finish")
      : t("quiz.next")
    : withFeedback
      ? t("quiz.confirm")
      : last
        ? t("quiz.finish")
        : t("quiz.next");
  return (
    <div class="mg-fade" key={index} style={{ textAlign: "left" }}>
      <div class="mg-progress">
        <span>{t("quiz.progress", { i: index + 1, n: quiz.questions.length })}</span>
        <span
          class="mg-bar"
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={quiz.questions.length}
          aria-valuenow={index + 1}
          aria-label={t("quiz.progress", { i: index + 1, n: quiz.questions.length })}
        >
          <i style={{ width: `${((index + 1) / quiz.questions.length) * 100}%` }} />
        </span>
        {left !== null && (
          <span class="mg-timer" role="timer" aria-label={t("quiz.timeLeft", { s: left })}>
            {left}s
          </span>
        )}
      </div>
      <h2 class="mg-q" id="mg-q">
        {q.text}
      </h2>
      {multiple && <p class="mg-q-hint">{t("quiz.multiple")}</p>}
      {q.type === "nps" ? (
        <NpsScale
          value={selected[0] ?? null}
          onChange={(v) => setSelected([v])}
          onConfirm={(v) => confirm(false, [v])}
          low={q.scaleLabels?.low ?? t("quiz.npsLow")}
          high={q.scaleLabels?.high ?? t("quiz.npsHigh")}
          labelledBy="mg-q"
        />
      ) : (
        <Choices
          choices={q.choices}
          multiple={multiple}
          selected={selected}
          onChange={setSelected}
          onConfirm={(chosen) => confirm(false, chosen)}
          reveal={revealed ? { right: rightAnswers(q) } : null}
          labelledBy="mg-q"
        />
      )}
      {revealed && (
        <div class="mg-feedback" role="status">
          <strong>{selected.length ? (isRight ? t("quiz.correct") : t("quiz.wrong")) : t("quiz.timeUp")}</strong>
          {q.explanation && <span> {q.explanation}</span>}
        </div>
      )}
      <div class="mg-stack">
        <button
          type="button"
          class="mg-btn"
          ref={next}
          onClick={() => confirm()}
          disabled={(!revealed && !selected.length) || flow.busy.value}
        >
          {action}
        </button>
      </div>
    </div>
  );
}
