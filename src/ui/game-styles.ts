// a game's own CSS travels with the game's code (its chunk) and is adopted into the widget's shadow root once
import { useLayoutEffect } from "preact/hooks";
import { useWidget } from "./shell/context.js";

const adopted = new WeakMap<ShadowRoot, Set<string>>();

/** add `css` to the shadow root the first time a component of this game renders; destroy() removes it */
export function useGameStyles(css: string): void {
  const { root, disposers } = useWidget();
  useLayoutEffect(() => {
    const seen = adopted.get(root) ?? new Set<string>();
    adopted.set(root, seen);
    if (seen.has(css)) return;
    seen.add(css);
    const remove = adopt(root, css);
    disposers.add(() => {
      remove();
      seen.delete(css);
    });
  }, [root, disposers, css]);
}

function adopt(root: ShadowRoot, css: string): () => void {
  try {
    if ("adoptedStyleSheets" in root && typeof CSSStyleSheet !== "undefined" && "replaceSync" in CSSStyleSheet.prototype) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      return () => {
        root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== sheet);
      };
    }
  } catch {
    // older engines throw on constructed sheets: fall through to a <style> element
  }
  const style = root.ownerDocument.createElement("style");
  style.textContent = css;
  root.appendChild(style);
  return () => style.remove();
}
