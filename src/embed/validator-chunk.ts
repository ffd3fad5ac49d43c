// the validator chunk: loaded only when a campaign fails the loader's structural check, to say exactly what is wrong
// (every problem with its path, the same sentences as `minigame validate`)
import * as z from "zod/mini";
import { formatIssue, parseCampaign as parse } from "../core/schema/index.js";

// no `new Function` probe: under a strict CSP even a caught eval is reported as a violation
z.config({ jitless: true });

/** a tag's campaign is a browser's copy: in server mode the collector's public view, without a quiz's answers */
export const parseCampaign = (input: unknown) => parse(input, { served: true });
export { formatIssue };
