// prints the tracker's minified and gzipped size: npx tsx scripts/size-tracker.ts
import { gzipSync } from "node:zlib";
import { bundleTracker } from "./bundle-tracker.js";

const code = await bundleTracker();
const gzip = gzipSync(code, { level: 9 }).length;
console.log(`tracker (src/tracker, IIFE): ${code.length} B minified, ${gzip} B gzip`);
// zod must stay out of the tracker: the event schema is checked by the collector, not the page
if (/\bzod\b|ZodError|_zod/.test(code)) console.log("warning: zod code found in the tracker bundle");
