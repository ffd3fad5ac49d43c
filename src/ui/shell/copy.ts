// copy text to the clipboard: the async Clipboard API, else a hidden textarea inside our shadow root

export async function copyText(text: string, root: ShadowRoot): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // permission denied or an insecure context: try the old way
  }
  try {
    const area = root.ownerDocument.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.cssText = "position:fixed;opacity:0;pointer-events:none";
    root.appendChild(area);
    area.select();
    const ok = root.ownerDocument.execCommand?.("copy") ?? false;
    area.remove();
    return ok;
  } catch {
    return false;
  }
}
