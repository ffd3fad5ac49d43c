// "Odds & rules": the dialog (OddsDialog.tsx) is a chunk of its own, fetched when the visitor opens the sheet
import { useEffect, useState } from "preact/hooks";
import { useWidget } from "./context.js";

// the link sits on the game screens, which load before this sheet
export { OddsLink } from "./OddsLink.js";

type Dialog = typeof import("./OddsDialog.js");

export function OddsSheet() {
  const { flow } = useWidget();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: fetched once, when the sheet opens
  useEffect(() => {
    let live = true;
    import("./OddsDialog.js").then(
      (m) => live && setDialog(m),
      (e) => {
        if (!live) return;
        flow.oddsOpen.value = false;
        flow.fail("load", e);
      },
    );
    return () => {
      live = false;
    };
  }, []);
  if (dialog) return <dialog.OddsDialog />;
  return (
    <div class="mg-sheet mg-loading" aria-busy="true">
      <span class="mg-spinner" />
    </div>
  );
}
