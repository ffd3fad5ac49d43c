import type { Eligibility } from "../../core/engine/types.js";
import { useWidget } from "./context.js";

/** campaign title, description and the plays-left chip */
export function Header({ showDescription = true }: { showDescription?: boolean }) {
  const { campaign, t, flow } = useWidget();
  const e = flow.eligibility.value;
  return (
    <header>
      <h2 class="mg-title">{campaign.title ?? t(`${campaign.game}.title`)}</h2>
      {showDescription && campaign.description && <p class="mg-sub">{campaign.description}</p>}
      {/* no inline margin: Preact 11 adds no "px", so `marginTop: 4` was ignored by every standards-mode page */}
      <div class="mg-row">
        {e && playsText(e, t) && <span class="mg-chip">{playsText(e, t)}</span>}
        {campaign.testMode && <span class="mg-chip mg-chip-test">{t("test")}</span>}
      </div>
    </header>
  );
}

function playsText(e: Pick<Eligibility, "playsLeft" | "playsLeftToday">, t: ReturnType<typeof useWidget>["t"]): string | null {
  // what limits the visitor now: today's plays when fewer than the total
  const n = e.playsLeftToday !== null && (e.playsLeft === null || e.playsLeftToday < e.playsLeft) ? e.playsLeftToday : e.playsLeft;
  // zero is said better by the screen that explains why
  if (n === null || n <= 0) return null;
  return n === 1 ? t("playsLeft.one") : t("playsLeft", { n });
}
