// the data directory holds people's emails and phone numbers: only its owner may read or write any of it
import { chmodSync, lstatSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";

export const DIR_MODE = 0o700;
export const FILE_MODE = 0o600;

/**
 * Create `dir` if needed and set it and everything below it to 0700 (directories) and 0600 (files), whatever the umask.
 * PGlite unpacks its initial files with an explicit chmod to 0666, so the umask alone cannot do this; files PostgreSQL
 * creates later (WAL segments, new tables) ask for 0600 themselves, and the 0700 directories shut everything else out.
 * Symbolic links are left alone, never followed.
 * @example restrictToOwner("./.minigame-data");
 */
export function restrictToOwner(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  walk(dir);
}

function walk(path: string): void {
  const stat = lstatSync(path, { throwIfNoEntry: false });
  if (!stat || stat.isSymbolicLink()) return;
  if (stat.isDirectory()) {
    if ((stat.mode & 0o777) !== DIR_MODE) chmodSync(path, DIR_MODE);
    for (const name of readdirSync(path)) walk(join(path, name));
  } else if (stat.isFile() && (stat.mode & 0o777) !== FILE_MODE) {
    try {
      chmodSync(path, FILE_MODE);
    } catch (e) {
      // a file PostgreSQL removed between the listing and here (a recycled WAL segment) needs nothing
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    }
  }
}
