// the widget: games, placements, and the sources they draw from
export { createWidget, type WidgetOptions, type WidgetController, type Placement } from "./create-widget.js";
export { createLocalDrawSource, type DrawSource, type DrawRequest, type Lead } from "./draw-source.js";
export { createRemoteDrawSource, type RemoteDrawSourceOptions } from "./remote-draw-source.js";
export { createLocalStore } from "./local-store.js";
export { landingAngle, segmentAt } from "./wheel/geometry.js";
export { createTranslator, en, vi, type Locale, type StringKey, type Translate } from "./i18n/index.js";
export type { EventName, EventProps } from "./shell/flow.js";
