// a collector in its own process, so a test can kill it with SIGKILL mid-write and start it again on the same data
// env: PORT, DATA_DIR or DATABASE_URL, CAMPAIGNS (JSON array), SECRET, ADMIN_TOKEN, WEBHOOKS (JSON, optional),
// NATS_URL and NATS_STREAM (optional: JetStream in front of ingest), LOG (set: warnings and errors to stderr)
import { createCollector } from "../../../src/collector/index.js";

const collector = createCollector({
  campaigns: JSON.parse(process.env.CAMPAIGNS ?? "[]"),
  ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : { dataDir: process.env.DATA_DIR! }),
  ...(process.env.WEBHOOKS ? { webhooks: JSON.parse(process.env.WEBHOOKS) } : {}),
  ...(process.env.NATS_URL ? { natsUrl: process.env.NATS_URL } : {}),
  ...(process.env.NATS_STREAM ? { natsStream: process.env.NATS_STREAM } : {}),
  secret: process.env.SECRET!,
  adminToken: process.env.ADMIN_TOKEN!,
  // the test's browser is automated; its events must count
  includeAutomated: true,
  // every test visitor comes from 127.0.0.1: no per-address allowances
  limits: { ip: false, visitorEvents: false, visitorDraws: false, mintsPerAddress: false, leadsPerAddress: false },
  log: (line) => {
    if (process.env.LOG && line.level !== "info") process.stderr.write(`${JSON.stringify(line)}\n`);
  },
});
const { port } = await collector.listen(Number(process.env.PORT));
process.stdout.write(`listening ${port}\n`);
// SIGTERM closes the database cleanly; SIGKILL (the test's crash) cannot be caught
process.once("SIGTERM", () => {
  void collector.close().then(() => process.exit(0));
});
