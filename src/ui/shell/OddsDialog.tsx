// "Odds & rules": the published odds and rules, the same tables and sentences as `minigame odds` (src/core/i18n/rules.ts),
// and the campaign's terms. Its own chunk, fetched when the sheet opens: the rules' sentences in both languages weigh
// more than the rest of the sheet, and few visitors open it
import { useEffect, useRef } from "preact/hooks";
import { safeUrl } from "../../core/schema/url.js";
import type { OddsRow } from "../../core/engine/types.js";
import { formatOneIn, formatPercent, numberLocale } from "../../core/i18n/odds.js";
import { oddsGroups, rulesInWords, type OddsGroup } from "../../core/i18n/rules.js";
import { useWidget } from "./context.js";
import { CloseIcon } from "./icons.js";

export function OddsDialog() {
  const { flow, t, odds, locale, campaign } = useWidget();
  const close = useRef<HTMLButtonElement>(null);
  const opener = useRef<Element | null>(null);
  useEffect(() => {
    opener.current = (close.current?.getRootNode() as ShadowRoot | undefined)?.activeElement ?? null;
    close.current?.focus();
    return () => (opener.current as HTMLElement | null)?.focus?.();
  }, []);
  const hide = () => (flow.oddsOpen.value = false);
  // a quiz draws among the prizes its answers reach: one table per score range or outcome, never the flat one
  const groups: OddsGroup[] = odds && campaign.game !== "quiz" ? [{ title: null, odds: odds() }] : oddsGroups(campaign, locale);
  const rules = rulesInWords(campaign, locale);
  const count = (n: number) => n.toLocaleString(numberLocale(locale));
  const termsUrl = safeUrl(campaign.termsUrl, "link");
  const row = (r: OddsRow) => (
    <tr key={r.prize.id}>
      <td>
        {r.prize.label}
        {!r.prize.win && <span class="mg-fine">{t("odds.noPrize")}</span>}
      </td>
      <td>
        {formatPercent(r.probability, locale)}
        <span class="mg-fine">{r.probability > 0 ? t("odds.oneInValue", { n: formatOneIn(r.probability, locale) }) : t("odds.never")}</span>
      </td>
      <td>
        {r.stock === null ? t("odds.unlimited") : count(r.stock)}
        {r.dailyCap !== null && <span class="mg-fine">{t("odds.perDay", { n: count(r.dailyCap) })}</span>}
      </td>
    </tr>
  );
  return (
    <div
      class="mg-sheet"
      role="dialog"
      aria-modal="true"
      aria-labelledby="mg-odds-title"
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.stopPropagation(); // Esc closes this sheet, not the whole modal
          hide();
        }
      }}
    >
      <button type="button" class="mg-x" ref={close} onClick={hide} aria-label={t("close")}>
        <CloseIcon />
      </button>
      <h3 id="mg-odds-title">{t("odds.title")}</h3>
      {groups.map((g, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the groups are fixed for the campaign, in its order
        <section key={i}>
          {g.title !== null && <h4>{g.title}</h4>}
          <table class="mg-table">
            <thead>
              <tr>
                <th scope="col">{t("odds.prize")}</th>
                <th scope="col">{t("odds.chance")}</th>
                <th scope="col">{t("odds.stock")}</th>
              </tr>
            </thead>
            <tbody>{g.odds.map(row)}</tbody>
          </table>
        </section>
      ))}
      <h4>{t("odds.rules")}</h4>
      <ul class="mg-rules">
        {rules.map((rule) => (
          <li key={rule}>{rule}</li>
        ))}
      </ul>
      {(campaign.terms || termsUrl) && <h4>{t("odds.terms")}</h4>}
      {campaign.terms && <p class="mg-terms">{campaign.terms}</p>}
      {termsUrl && (
        <p>
          <a href={termsUrl} target="_blank" rel="noopener noreferrer" class="mg-link" style={{ padding: 0 }}>
            {t("odds.termsLink")}
          </a>
        </p>
      )}
    </div>
  );
}
