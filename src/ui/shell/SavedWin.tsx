// a win from an earlier visit that is not claimed yet: its code stays one tap away until it is claimed or the campaign ends
import { useWidget } from "./context.js";

export function SavedWin() {
  const { flow, t } = useWidget();
  const r = flow.saved.value;
  if (!r?.prize) return null;
  return (
    <section class="mg-saved" aria-label={t("saved.title")}>
      <span class="mg-saved-text">
        <span class="mg-saved-label">{t("saved.title")}</span>
        <b>{r.prize.label}</b>
      </span>
      <button type="button" class="mg-saved-btn" onClick={() => flow.showSaved()}>
        {r.code ? t("saved.show") : t("saved.showPrize")}
      </button>
    </section>
  );
}
