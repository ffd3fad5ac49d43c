// floating launcher + modal dialog: focus trap, Esc, close button, scroll lock released on close
import type { Signal } from "./state.js";
import { useLayoutEffect, useRef } from "preact/hooks";
import { useWidget } from "./context.js";
import { CloseIcon, GiftIcon } from "./icons.js";
import { Screens } from "./App.js";

export { css } from "./modal-styles.js";

const FOCUSABLE = 'button:not([disabled]),[href],input:not([disabled]),select,textarea,[tabindex]:not([tabindex="-1"])';

export type ModalProps = { isOpen: Signal<boolean>; onClose(): void; onOpen(): void; launcherRef?: (el: HTMLButtonElement | null) => void };

export function Modal({ isOpen, onClose, onOpen, launcherRef }: ModalProps) {
  const { t, campaign } = useWidget();
  const launcher = useRef<HTMLButtonElement | null>(null);
  const open = isOpen.value;
  const label = campaign.display.launcher.label ?? t("launcher");
  const wasOpen = useRef(false);
  // focus goes back to the launcher when the dialog closes, in the same commit
  useLayoutEffect(() => {
    if (wasOpen.current && !open) launcher.current?.focus();
    wasOpen.current = open;
  }, [open]);
  return (
    <>
      {!open && (
        <button
          type="button"
          class={`mg-launcher${campaign.display.launcher.position === "bottom-left" ? " is-left" : ""}`}
          ref={(el) => {
            launcher.current = el;
            launcherRef?.(el);
          }}
          onClick={onOpen}
          aria-haspopup="dialog"
        >
          <GiftIcon />
          <span>{label}</span>
        </button>
      )}
      {open && <Dialog onClose={onClose} />}
    </>
  );
}

function Dialog({ onClose }: { onClose(): void }) {
  const { t, root, campaign } = useWidget();
  const dialog = useRef<HTMLDivElement>(null);

  // a layout effect: the lock is released in the same commit that removes the dialog
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per opening; the page's overflow and focus are read at that moment on purpose
  useLayoutEffect(() => {
    const html = root.ownerDocument.documentElement;
    const before = html.style.overflow;
    html.style.overflow = "hidden";
    // focus the first control unless a screen already took focus
    if (!dialog.current?.contains(root.activeElement)) dialog.current?.querySelector<HTMLElement>("[data-mg-focus],.mg-btn,.mg-x")?.focus();
    return () => {
      html.style.overflow = before;
    };
  }, []);

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === "Escape") {
      e.preventDefault();
      onClose();
      return;
    }
    if (e.key !== "Tab" || !dialog.current) return;
    const items = [...dialog.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    if (!items.length) return;
    const first = items[0]!;
    const last = items[items.length - 1]!;
    const active = root.activeElement;
    // keep Tab inside the dialog: wrap at both ends
    if (e.shiftKey && (active === first || !dialog.current.contains(active))) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (active === last || !dialog.current.contains(active))) {
      e.preventDefault();
      first.focus();
    }
  }

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a click on the backdrop is a mouse shortcut; Escape and the close button are the keyboard's way
    // biome-ignore lint/a11y/useKeyWithClickEvents: as above, the dialog handles Escape
    <div class="mg-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div
        class="mg-dialog"
        role="dialog"
        aria-modal="true"
        aria-label={campaign.title ?? t(`${campaign.game}.title`)}
        ref={dialog}
        onKeyDown={onKeyDown}
      >
        <div class="mg-card">
          <button type="button" class="mg-x" onClick={onClose} aria-label={t("close")}>
            <CloseIcon />
          </button>
          <Screens autoFocus />
        </div>
      </div>
    </div>
  );
}
