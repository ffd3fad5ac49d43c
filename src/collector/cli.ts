// `minigame-collector`: flags and environment to createCollector options, then serve until a signal
import { parseArgs } from "node:util";
import { loadCampaignFiles } from "./campaign-files.js";
import { createCollector } from "./index.js";
import { DEFAULT_DATA_DIR } from "./context.js";
import { readPublicKey } from "./identity/member-token.js";
import { parseTrustedProxies } from "./security/client-address.js";
import { loadWebhookConfig, type WebhookConfig } from "./webhooks/index.js";

const HELP = `minigame-collector: events, server-side draws and stats for minigame-sdk campaigns

  --port <n>               port to listen on (default 8787, env PORT; 0 picks a free one)
  --host <addr>            address to bind (default 127.0.0.1; 0.0.0.0 for every interface)
  --data-dir <dir>         PGlite data and the generated secret (default ${DEFAULT_DATA_DIR})
  --campaigns <paths>      campaign JSON files or directories: comma-separated, repeated, or
                           several after one flag (--campaigns a.json b.json, as a shell glob gives)
  --allowed-origins <list> origins allowed by CORS, comma-separated, or * (default: localhost only)
  --admin-token <token>    bearer token for stats and claim verification (env MINIGAME_ADMIN_TOKEN)
  --claim-key <id>=<key>   a campaign's key for verifying its claims, repeatable (env MINIGAME_CLAIM_KEYS, comma-separated)
  --include-automated      count events from automated browsers in stats
  --trusted-proxies <cidrs> your proxies/load balancers, comma-separated addresses or CIDR ranges: the client
                           address is the rightmost X-Forwarded-For hop not among them (default: the socket's)
  --member-jwt-secret <s>  HS256 secret for member tokens (env MINIGAME_MEMBER_JWT_SECRET)
  --member-jwt-public-key <pem file>  public key for RS/PS/ES/EdDSA member tokens
  --member-jwt-issuer <iss>   required issuer of member tokens
  --member-jwt-audience <aud> required audience of member tokens
  --webhooks <file>        webhook endpoints, secrets and events, JSON (env MINIGAME_WEBHOOKS)
  --nats <urls>            NATS JetStream in front of ingest (env NATS_URL; needs DATABASE_URL): events are
                           answered once in the stream, and every instance stores them in PostgreSQL;
                           nats://user:password@host logs in with a user (NATS_NKEY_SEED=SU… with an nkey)
  --nats-stream <name>     the JetStream stream for events (default MINIGAME_EVENTS)
  -h, --help               show this help

  DATABASE_URL=postgres://…  store in PostgreSQL instead of PGlite
  MINIGAME_SECRET=…          HMAC secret for tokens (else generated and kept in the data dir or database)
`;

const list = (values: string[] | undefined) =>
  (values ?? [])
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);

/**
 * Run the collector from command-line arguments; resolves with the exit code once stopped.
 * @example process.exitCode = await main(["--port", "8787", "--campaigns", "./campaigns"]);
 */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  // biome-ignore lint/suspicious/noImplicitAnyLet: the type is what parseArgs infers from the options below
  let args;
  let positionals: string[] = [];
  try {
    const parsed = parseArgs({
      args: argv,
      // the files a shell glob expands to after --campaigns arrive as positionals
      allowPositionals: true,
      options: {
        port: { type: "string" },
        host: { type: "string", default: "127.0.0.1" },
        "data-dir": { type: "string", default: DEFAULT_DATA_DIR },
        campaigns: { type: "string", multiple: true },
        "allowed-origins": { type: "string", multiple: true },
        "admin-token": { type: "string" },
        "claim-key": { type: "string", multiple: true },
        "include-automated": { type: "boolean", default: false },
        // replaced by --trusted-proxies: kept only to say so instead of "unknown option"
        "trust-proxy": { type: "boolean", default: false },
        "trusted-proxies": { type: "string", multiple: true },
        "member-jwt-secret": { type: "string" },
        "member-jwt-public-key": { type: "string" },
        "member-jwt-issuer": { type: "string" },
        "member-jwt-audience": { type: "string" },
        webhooks: { type: "string" },
        nats: { type: "string" },
        "nats-stream": { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
    args = parsed.values;
    positionals = parsed.positionals;
  } catch (e) {
    process.stderr.write(`minigame-collector: ${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const port = Number(args.port ?? env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`minigame-collector: --port must be a whole number from 0 to 65535, got ${args.port ?? env.PORT}\n`);
    return 2;
  }
  const loaded = loadCampaignFiles([...list(args.campaigns), ...positionals]);
  if (!loaded.ok) {
    process.stderr.write(`minigame-collector: invalid campaigns, not starting:\n${loaded.problems.map((p) => `  ${p}`).join("\n")}\n`);
    return 1;
  }
  if (args["trust-proxy"]) {
    process.stderr.write(
      "minigame-collector: --trust-proxy trusted whatever the client wrote and is gone; name your proxies with --trusted-proxies <cidr,…>\n",
    );
    return 2;
  }
  let publicKeyPem: string | undefined;
  const proxies = list(args["trusted-proxies"]).join(",");
  try {
    if (proxies) parseTrustedProxies(proxies);
    publicKeyPem = args["member-jwt-public-key"] ? readPublicKey(args["member-jwt-public-key"]) : undefined;
  } catch (e) {
    process.stderr.write(`minigame-collector: ${(e as Error).message}\n`);
    return 2;
  }
  const memberSecret = args["member-jwt-secret"] ?? env.MINIGAME_MEMBER_JWT_SECRET;
  const webhooksFile = args.webhooks ?? env.MINIGAME_WEBHOOKS;
  let webhooks: WebhookConfig | undefined;
  try {
    webhooks = webhooksFile ? loadWebhookConfig(webhooksFile) : undefined;
  } catch (e) {
    process.stderr.write(`minigame-collector: ${(e as Error).message}\n`);
    return 1;
  }
  const origins = list(args["allowed-origins"]);
  // a Map until handed over: a mistyped `__proto__=…` pair must reach the campaign check, not vanish
  const claimKeys = new Map<string, string>();
  for (const pair of [...list(env.MINIGAME_CLAIM_KEYS ? [env.MINIGAME_CLAIM_KEYS] : []), ...list(args["claim-key"])]) {
    const at = pair.indexOf("=");
    if (at < 1) {
      // the value is not echoed: it is probably a key
      process.stderr.write("minigame-collector: --claim-key and MINIGAME_CLAIM_KEYS take <campaignId>=<key> pairs\n");
      return 2;
    }
    claimKeys.set(pair.slice(0, at), pair.slice(at + 1));
  }
  const natsUrl = args.nats ?? env.NATS_URL;
  if (natsUrl && !env.DATABASE_URL) {
    process.stderr.write("minigame-collector: --nats (NATS_URL) feeds PostgreSQL: set DATABASE_URL as well\n");
    return 2;
  }
  const collector = createCollector({
    campaigns: loaded.campaigns,
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
    ...(natsUrl ? { natsUrl } : {}),
    ...(args["nats-stream"] ? { natsStream: args["nats-stream"] } : {}),
    ...(env.NATS_NKEY_SEED ? { natsNkeySeed: env.NATS_NKEY_SEED } : {}),
    dataDir: args["data-dir"],
    ...(origins.length ? { allowedOrigins: origins } : {}),
    adminToken: args["admin-token"] ?? env.MINIGAME_ADMIN_TOKEN,
    claimKeys: Object.fromEntries(claimKeys),
    includeAutomated: args["include-automated"],
    ...(proxies ? { trustedProxies: proxies } : {}),
    member: {
      ...(memberSecret ? { secret: memberSecret } : {}),
      ...(publicKeyPem ? { publicKeyPem } : {}),
      ...(args["member-jwt-issuer"] ? { issuer: args["member-jwt-issuer"] } : {}),
      ...(args["member-jwt-audience"] ? { audience: args["member-jwt-audience"] } : {}),
    },
    ...(webhooks ? { webhooks } : {}),
  });
  try {
    await collector.listen(port, args.host);
  } catch (e) {
    process.stderr.write(`minigame-collector: could not start: ${(e as Error).message}\n`);
    await collector.close().catch(() => {});
    return 1;
  }
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await collector.close();
  return 0;
}
