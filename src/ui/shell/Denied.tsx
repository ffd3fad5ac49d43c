// why the visitor cannot play now; a live countdown when a time is known
import { useEffect, useState } from "preact/hooks";
import { formatCountdown, formatDate } from "../i18n/format.js";
import { useWidget } from "./context.js";
import { ClockIcon, HeartIcon } from "./icons.js";
import { OddsLink } from "./OddsLink.js";
import { ShareButton } from "./Share.js";
import { Header } from "./Header.js";

export function Denied() {
  const { flow, t, campaign, locale } = useWidget();
  const e = flow.eligibility.value;
  const [now, setNow] = useState(Date.now());
  const retryAt = e && !e.ok ? e.retryAt : undefined;
  const counting = retryAt !== undefined && e?.ok === false && (e.reason === "cooldown" || e.reason === "limit_day");

  // biome-ignore lint/correctness/useExhaustiveDependencies: flow is the same object for the widget's life
  useEffect(() => {
    if (!counting) return;
    const id = setInterval(() => {
      const t = Date.now();
      setNow(t);
      if (retryAt !== undefined && t >= retryAt) {
        clearInterval(id);
        void flow.refresh();
      }
    }, 1000);
    return () => clearInterval(id);
  }, [counting, retryAt]);

  if (!e || e.ok) return null;
  const startsAt = campaign.schedule?.startsAt ? Date.parse(campaign.schedule.startsAt) : retryAt;
  const message =
    e.reason === "not_started"
      ? t("deny.not_started", { date: startsAt ? formatDate(startsAt, locale, campaign.timezone) : "" })
      : t(`deny.${e.reason}`);
  const timed = e.reason === "cooldown" || e.reason === "not_started" || e.reason === "limit_day";
  return (
    <div class="mg-fade">
      <Header showDescription={false} />
      <div class="mg-icon">{timed ? <ClockIcon /> : <HeartIcon />}</div>
      <p class="mg-sub" role="status" style={{ color: "var(--mg-text)", fontSize: "16px", fontWeight: 600 }}>
        {message}
      </p>
      {counting && retryAt !== undefined && (
        <p class="mg-count" role="timer" aria-live="off">
          {formatCountdown(retryAt - now)}
        </p>
      )}
      {(e.reason === "limit_day" || e.reason === "limit_total") && (
        <div class="mg-stack">
          <ShareButton />
        </div>
      )}
      <OddsLink />
    </div>
  );
}

export function ErrorView() {
  const { flow, t } = useWidget();
  return (
    <div class="mg-quiet mg-fade" role="alert">
      <div class="mg-icon">
        <ClockIcon />
      </div>
      <p>{t("error")}</p>
      <button type="button" class="mg-btn mg-btn-ghost" onClick={() => flow.playAgain()}>
        {t("error.retry")}
      </button>
    </div>
  );
}
