// the game registry: a campaign's `game` → the chunk that draws it. One line per game; the script-tag
// build makes each line its own file (dist/chunks/game-<name>.js) and the loader fetches it by name.
import type { ComponentType } from "preact";
import type { StringTables } from "./i18n/index.js";
import type { Screen } from "./shell/flow.js";

/** what a game screen receives; it renders what it owns of `screen` and null for the rest */
export type GameProps = { screen: Screen; autoFocus: boolean };

export type GameModule = {
  Game: ComponentType<GameProps>;
  /** true: the game stays on screen under the result card (the wheel shows where it landed) */
  underResult: boolean;
  /** the game's own CSS and strings, added to the widget when the chunk arrives */
  css?: string;
  strings?: StringTables;
};

export const GAMES = {
  wheel: () => import("./wheel/index.js"),
  quiz: () => import("./quiz/index.js"),
} satisfies Record<string, () => Promise<GameModule>>;

export type GameName = keyof typeof GAMES;

/**
 * Load the game a campaign names.
 * @example
 * const { Game } = await loadGame("wheel");
 */
export function loadGame(name: string): Promise<GameModule> {
  const load = (GAMES as Record<string, () => Promise<GameModule>>)[name];
  return load ? load() : Promise.reject(new Error(`no game named ${JSON.stringify(name)}`));
}
