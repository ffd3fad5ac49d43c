// "Odds & rules": the published odds (the same table as `minigame odds`) and the campaign's terms
import { useEffect, useRef } from "preact/hooks";
import { safeUrl } from "../../core/schema/url.js";
import { publishedOdds } from "../../core/engine/odds.js";
import { formatPercent } from "../i18n/format.js";
import { useWidget } from "./context.js";
import { CloseIcon } from "./icons.js";

// the link sits on the game screens, which load before this sheet
export { OddsLink } from "./OddsLink.js";

export function OddsSheet() {
  const { flow, t, odds, locale, campaign } = useWidget();
  const close = useRef<HTMLButtonElement>(null);
  const opener = useRef<Element | null>(null);
  useEffect(() => {
    opener.current = (close.current?.getRootNode() as ShadowRoot | undefined)?.activeElement ?? null;
    close.current?.focus();
    return () => (opener.current as HTMLElement | null)?.focus?.();
  }, []);
  const hide = () => (flow.oddsOpen.value = false);
  const rows = odds ? odds() : publishedOdds(campaign);
  const termsUrl = safeUrl(campaign.termsUrl, "link");
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
      <table class="mg-table">
        <thead>
          <tr>
            <th scope="col">{t("odds.prize")}</th>
            <th scope="col">{t("odds.chance")}</th>
            <th scope="col">{t("odds.stock")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.prize.id}>
              <td>{row.prize.label}</td>
              <td>{formatPercent(row.probability, locale)}</td>
              <td>{row.stock === null ? t("odds.unlimited") : row.stock.toLocaleString(locale === "vi" ? "vi-VN" : "en-GB")}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {/* client mode draws in this browser: its limits are this browser's, and the sheet says so */}
      {campaign.mode === "client" && <p class="mg-note">{t("odds.perBrowser")}</p>}
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
