// the "Odds & rules" link; the sheet itself is in the chunk loaded after the first paint
import { useWidget } from "./context.js";

export function OddsLink() {
  const { flow, t } = useWidget();
  return (
    <button type="button" class="mg-link" aria-haspopup="dialog" onClick={() => (flow.oddsOpen.value = true)}>
      {t("odds.link")}
    </button>
  );
}
