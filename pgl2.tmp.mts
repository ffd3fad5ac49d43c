import { PGlite } from "@electric-sql/pglite";
let t = Date.now();
const a = await PGlite.create();
console.log("open", Date.now() - t); t = Date.now();
await a.exec("create table x(a int)");
const blob = await a.dumpDataDir("none");
console.log("dump", Date.now() - t, blob.size); t = Date.now();
const b = await PGlite.create({ loadDataDir: blob });
console.log("load", Date.now() - t, await b.query("select count(*) from x").then(r=>r.rows)); t = Date.now();
