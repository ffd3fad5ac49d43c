// the package version, baked in at build time from package.json (vite.config.ts, vitest.config.ts)
declare const __MINIGAME_VERSION__: string | undefined;

/** e.g. "0.1.0"; "dev" when the sources run unbuilt (tsx) */
export const VERSION: string = typeof __MINIGAME_VERSION__ === "string" ? __MINIGAME_VERSION__ : "dev";
