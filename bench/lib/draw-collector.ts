// one collector process for bench/draws.ts: env DATABASE_URL, DRAW_PATH (sharded | locked), POOL, CAMPAIGNS (JSON), SECRET
import { createCollector } from "../../src/collector/index.js";

const collector = createCollector({
  databaseUrl: process.env.DATABASE_URL!,
  drawPath: process.env.DRAW_PATH === "locked" ? "locked" : "sharded",
  databasePoolSize: Number(process.env.POOL ?? "10"),
  campaigns: JSON.parse(process.env.CAMPAIGNS ?? "[]"),
  secret: process.env.SECRET!,
  // the bench's clients stand for many visitors behind many addresses, told by X-Forwarded-For from localhost
  trustedProxies: "127.0.0.1",
  limits: { ip: false, visitorDraws: false, mintsPerAddress: false },
  log: () => {},
});
const { port } = await collector.listen(0);
process.stdout.write(`listening ${port}\n`);
process.once("SIGTERM", () => {
  void collector.close().then(() => process.exit(0));
});
