// Preact applies a `style` object with for…in, and ES modules run in strict mode: on a page that added enumerable
// keys to Object.prototype (e.g. `length`), it would assign inherited keys to the element's style and throw.
import { options, type VNode } from "preact";

let installed = false;

/** on such a page only, give Preact style objects that carry their own keys and nothing inherited */
export function guardStyleObjects(): void {
  if (installed || !hasEnumerableObjectKeys()) return;
  installed = true;
  const previous = options.vnode;
  options.vnode = (vnode: VNode) => {
    const props = vnode.props as { style?: unknown } | null;
    const style = props?.style;
    if (style && typeof style === "object" && Object.getPrototypeOf(style) === Object.prototype) {
      props!.style = Object.assign(Object.create(null), style);
    }
    previous?.(vnode);
  };
}

function hasEnumerableObjectKeys(): boolean {
  for (const _ in {}) return true;
  return false;
}
