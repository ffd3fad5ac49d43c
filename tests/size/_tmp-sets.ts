import { buildScriptTag, measure, measureFiles } from "./measure.js";
const tag = await buildScriptTag();
for (const [name, c] of tag.chunks) console.log(name, measure(c.code).brotli, c.imports?.join(","));
const f = tag.before("chunks/paint-wheel.js");
console.log("paint before", f.length, measureFiles(f).brotli);
const g = tag.before("chunks/widget.js", "chunks/game-wheel.js");
console.log("widget+wheel before", g.length, measureFiles(g).brotli);
