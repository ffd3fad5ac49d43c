// share for a bonus play: the Web Share sheet where there is one, else copy the link
import { useState } from "preact/hooks";
import { useWidget } from "./context.js";
import { copyText } from "./copy.js";

export function ShareButton() {
  const { campaign, flow, t, root, shareUrl } = useWidget();
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!campaign.bonusPlays) return null;

  async function onShare() {
    if (busy) return;
    setBusy(true);
    const url = shareUrl();
    const text = campaign.share?.text ?? campaign.title ?? "";
    let method = "copy";
    try {
      if (typeof navigator.share === "function") {
        try {
          await navigator.share({ title: campaign.title ?? "", text, url });
          method = "web-share";
        } catch (e) {
          // the visitor closed the share sheet: no share, no bonus
          if ((e as Error)?.name === "AbortError") return;
          if (!(await copyText(url, root))) return;
        }
      } else if (!(await copyText(url, root))) {
        setMessage(url);
        return;
      }
      const granted = await flow.shared(method);
      setMessage(granted > 0 ? t("share.granted", { n: granted }) : method === "copy" ? t("share.copied") : t("share.none"));
      if (granted > 0) await flow.refresh();
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button type="button" class="mg-btn mg-btn-ghost" onClick={onShare} disabled={busy}>
        {t("share.button")}
      </button>
      {message && (
        <p class="mg-ok" role="status">
          {message}
        </p>
      )}
    </>
  );
}
