// minigame leads export|delete: one person's data, for an access or erasure request (Decree 13, GDPR)
// it asks the collector's admin endpoints rather than the database: a campaign manager has the collector's URL and
// admin token, not database credentials, and the collector applies one set of rules however the data is stored
import { parseArgs } from "node:util";
import { adminToken, describeArgError } from "./args.js";
import { EXIT, processIo, type Command, type Io } from "./command.js";

const USAGE = "usage: minigame leads export|delete --collector URL (--email E | --phone P | --visitor ID) [--token T] [--yes]";
const TIMEOUT_MS = 15_000;

/**
 * The collector's people's-data endpoint for one person.
 * @example leadsUrl("https://collect.example.com/v1/events", { email: "an@example.com" }) // ".../v1/leads?email=an%40example.com"
 */
export function leadsUrl(collector: string, selector: Record<string, string>): URL {
  const base = collector.replace(/\/+$/, "").replace(/\/v1(\/events)?$/, "");
  const url = new URL(`${base}/v1/leads`);
  for (const [k, v] of Object.entries(selector)) url.searchParams.set(k, v);
  return url;
}

type Answer = { ok: true; body: unknown } | { ok: false };

async function call(url: URL, method: "GET" | "DELETE", token: string | undefined, io: Io): Promise<Answer> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    const why =
      err.name === "TimeoutError" ? `no answer within ${TIMEOUT_MS / 1000} s` : (err.cause?.code ?? err.cause?.message ?? err.message);
    io.err(`cannot reach the collector at ${url.origin} (${why}). Is it running, and is the URL right?`);
    return { ok: false };
  }
  let body: unknown;
  try {
    body = JSON.parse(await res.text());
  } catch {
    body = undefined;
  }
  if (!res.ok) {
    const said = (body as { error?: unknown } | undefined)?.error;
    io.err(`the collector answered ${res.status}${typeof said === "string" ? `: ${said}` : ""}`);
    if (res.status === 401 || res.status === 403)
      io.err("people's data needs the collector's admin token: pass --token or set MINIGAME_TOKEN (or MINIGAME_ADMIN_TOKEN)");
    return { ok: false };
  }
  return { ok: true, body };
}

const count = (body: unknown, key: "leads" | "draws" | "webhooks") => {
  const list = (body as Record<string, unknown> | undefined)?.[key];
  return Array.isArray(list) ? list.length : 0;
};

/** "1 lead", "0 leads and 2 webhook deliveries": deliveries named only when there are some (an overwritten lead's) */
function plural(leads: number, deliveries: number): string {
  const text = `${leads} lead${leads === 1 ? "" : "s"}`;
  return deliveries ? `${text} and ${deliveries} webhook deliver${deliveries === 1 ? "y" : "ies"}` : text;
}

function parse(argv: string[], io: Io) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        collector: { type: "string" },
        email: { type: "string" },
        phone: { type: "string" },
        visitor: { type: "string" },
        token: { type: "string" },
        yes: { type: "boolean", default: false },
      },
    });
  } catch (e) {
    io.err(describeArgError("leads", e, ["collector", "email", "phone", "visitor", "token", "yes"]));
    io.err(USAGE);
    return undefined;
  }
}

/** what is wrong with the command line, or undefined when it names one action, a collector and one person */
function usageProblem(positionals: string[], collector: string | undefined, selectors: string[]): string | undefined {
  const [action, ...extra] = positionals;
  if (!action) return "export or delete is missing";
  if (action !== "export" && action !== "delete") return `unknown action ${JSON.stringify(action)} (export or delete)`;
  if (extra.length) return `unexpected argument ${JSON.stringify(extra[0])}`;
  if (!collector) return "--collector is missing";
  if (selectors.length === 0) return "name the person with --email, --phone or --visitor";
  if (selectors.length > 1) return `name the person one way only, got ${selectors.map((s) => `--${s}`).join(" and ")}`;
  return undefined;
}

export const command: Command = {
  name: "leads",
  summary: "export or erase one person's data (by email, phone or visitor id) from a collector",
  usage: "export|delete --collector URL (--email E | --phone P | --visitor ID) [--token T] [--yes]",
  async run(argv, io = processIo) {
    const parsed = parse(argv, io);
    if (!parsed) return EXIT.usage;
    const { values, positionals } = parsed;
    const action = positionals[0];
    const selector = Object.fromEntries(
      (["email", "phone", "visitor"] as const).filter((k) => values[k] !== undefined).map((k) => [k, values[k]!]),
    );
    const wrong = usageProblem(positionals, values.collector, Object.keys(selector));
    if (wrong || !values.collector) {
      io.err(`minigame leads: ${wrong}`);
      io.err(USAGE);
      return EXIT.usage;
    }
    let url: URL;
    try {
      url = leadsUrl(values.collector, selector);
    } catch {
      io.err(`--collector must be a URL such as http://127.0.0.1:8787, got ${JSON.stringify(values.collector)}`);
      return EXIT.usage;
    }
    // a token in the environment keeps it out of shell history
    const token = adminToken(values.token);
    const found = await call(url, "GET", token, io);
    if (!found.ok) return EXIT.failed;
    if (action === "export") {
      io.out(JSON.stringify(found.body, null, 2));
      return EXIT.ok;
    }
    if (!values.yes) {
      const held = plural(count(found.body, "leads"), count(found.body, "webhooks"));
      io.err(`would erase ${held} of this person; run again with --yes to erase`);
      return EXIT.failed;
    }
    const erased = await call(url, "DELETE", token, io);
    if (!erased.ok) return EXIT.failed;
    const n = (erased.body as { erased?: { leads?: number; deliveries?: number } } | undefined)?.erased;
    io.out(`erased ${plural(n?.leads ?? 0, n?.deliveries ?? 0)}; draws stay as prize accounting, with no contact data attached`);
    return EXIT.ok;
  },
};
