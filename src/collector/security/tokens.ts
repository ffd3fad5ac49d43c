// HMAC-SHA256 tokens: visitor tokens bind a visitor id to a campaign, result tokens prove a draw's outcome
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Queryable } from "../storage/index.js";

/** what a result token asserts; short keys keep tokens short */
export type ResultClaim = {
  /** campaign id */
  c: string;
  /** draw id */
  d: string;
  /** visitor id */
  v: string;
  /** prize id, null when nothing was given */
  p: string | null;
  win: boolean;
  code?: string;
  /** ms since epoch */
  at: number;
  test?: boolean;
};

const b64 = (buf: Buffer | string) => Buffer.from(buf).toString("base64url");
// prefixes keep a visitor token from ever passing as a result signature and back
const mac = (secret: string, purpose: "visitor" | "result" | "referral", text: string) =>
  createHmac("sha256", secret).update(`${purpose}\n${text}`).digest();

function same(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The token that proves a visitor id was handed out by this server for this campaign.
 * @example const t = visitorToken(secret, "tet-2027", "v-123");
 */
export function visitorToken(secret: string, campaignId: string, visitorId: string): string {
  // campaign ids cannot contain ':', so the pair reads back one way only
  return b64(mac(secret, "visitor", `${campaignId}:${visitorId}`));
}

export function verifyVisitorToken(secret: string, campaignId: string, visitorId: string, token: unknown): boolean {
  if (typeof token !== "string" || token.length > 100) return false;
  return same(Buffer.from(token), Buffer.from(visitorToken(secret, campaignId, visitorId)));
}

/**
 * The token a visitor's share link carries (`mg_ref`): an opaque referral id, not the visitor id, plus its signature.
 * @example const ref = referralToken(secret, "tet-2027", "r7Qd…");
 */
export function referralToken(secret: string, campaignId: string, referralId: string): string {
  return `${referralId}.${b64(mac(secret, "referral", `${campaignId}:${referralId}`)).slice(0, 22)}`;
}

/** the referral id inside a genuine referral token of this campaign, or null */
export function readReferralToken(secret: string, campaignId: string, token: unknown): string | null {
  if (typeof token !== "string" || token.length > 100) return null;
  const [id, signature, extra] = token.split(".");
  if (!id || !signature || extra !== undefined) return null;
  return same(Buffer.from(token), Buffer.from(referralToken(secret, campaignId, id))) ? id : null;
}

/**
 * Sign a draw's outcome: `<payload>.<signature>`, both base64url. Deterministic, so a replayed draw gets the same token.
 * @example const token = signResult(secret, { c: "tet-2027", d: drawId, v: visitorId, p: "voucher50", win: true, at });
 */
export function signResult(secret: string, claim: ResultClaim): string {
  const payload = b64(JSON.stringify(claim));
  return `${payload}.${b64(mac(secret, "result", payload))}`;
}

/** the claim inside a genuine token, or null for anything forged, altered or malformed */
export function verifyResult(secret: string, token: unknown): ResultClaim | null {
  if (typeof token !== "string" || token.length > 4096) return null;
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined) return null;
  if (!same(Buffer.from(signature), Buffer.from(b64(mac(secret, "result", payload))))) return null;
  try {
    const claim = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as ResultClaim;
    return typeof claim.c === "string" && typeof claim.d === "string" ? claim : null;
  } catch {
    return null;
  }
}

export type SecretSource = { secret: string; source: "env" | "stored" | "generated"; path?: string };

/**
 * The HMAC secret: MINIGAME_SECRET, else the one kept in the data directory, else a new one written there.
 * @example const { secret, source } = loadSecret(process.env.MINIGAME_SECRET, "./.minigame-data");
 */
export function loadSecret(fromEnv: string | undefined, dataDir: string | undefined): SecretSource {
  if (fromEnv) return { secret: fromEnv, source: "env" };
  if (!dataDir) return { secret: b64(randomBytes(32)), source: "generated" };
  const path = join(dataDir, "secret");
  if (existsSync(path)) return { secret: readFileSync(path, "utf8").trim(), source: "stored", path };
  mkdirSync(dataDir, { recursive: true });
  const secret = b64(randomBytes(32));
  // owner-only: whoever reads it can sign prizes
  writeFileSync(path, `${secret}\n`, { mode: 0o600, flag: "wx" });
  return { secret, source: "generated", path };
}

/** the secret kept in the database's settings, created by whichever instance starts first */
export async function databaseSecret(db: Queryable): Promise<SecretSource> {
  const fresh = b64(randomBytes(32));
  const inserted = await db.query("INSERT INTO settings (key, value) VALUES ('secret', $1) ON CONFLICT (key) DO NOTHING RETURNING value", [
    fresh,
  ]);
  const [row] = await db.query<{ value: string }>("SELECT value FROM settings WHERE key = 'secret'");
  return { secret: row!.value, source: inserted.length ? "generated" : "stored" };
}
