// ALTCHA proof of work before a draw: a maintained scheme (altcha-lib) rather than a home-made puzzle
import { createHmac } from "node:crypto";
import { createChallenge, randomInt, verifySolution, type Challenge, type Solution } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import type { Queryable } from "../storage/index.js";

/** a challenge is good for this long: enough to solve on a slow phone, short enough to keep the spent list small */
export const CHALLENGE_TTL_MS = 10 * 60_000;

// the challenge keys derive from the collector secret, so every instance signs and checks alike
const keys = (secret: string) => ({
  hmacSignatureSecret: createHmac("sha256", secret).update("altcha-challenge").digest("base64url"),
  hmacKeySignatureSecret: createHmac("sha256", secret).update("altcha-key").digest("base64url"),
});

/**
 * A signed challenge for one campaign. Deterministic mode: the server picks the counter, so the browser searches
 * on average maxNumber / 2 hashes and the server checks a solution with two HMACs instead of redoing the work.
 * @example const challenge = await createPowChallenge(secret, "tet-2027", 50_000, Date.now());
 */
export function createPowChallenge(secret: string, campaignId: string, maxNumber: number, now: number): Promise<Challenge> {
  return createChallenge({
    algorithm: "SHA-256",
    cost: 1,
    counter: randomInt(maxNumber),
    deriveKey,
    data: { c: campaignId },
    expiresAt: new Date(now + CHALLENGE_TTL_MS),
    ...keys(secret),
  });
}

/** the body of a solved challenge as the browser sends it: base64 of `{ challenge, solution }` */
export function encodePowPayload(challenge: Challenge, solution: Solution): string {
  return btoa(JSON.stringify({ challenge, solution }));
}

export type PowCheck = { ok: true } | { ok: false; error: string };

/**
 * Check a solved challenge for this campaign and spend it: a solution is accepted once, across instances
 * (the spent list is a database table).
 * @example const check = await spendPowSolution(db, secret, "tet-2027", body.proofOfWork, Date.now());
 */
export async function spendPowSolution(
  db: Queryable,
  secret: string,
  campaignId: string,
  payload: unknown,
  now: number,
): Promise<PowCheck> {
  if (typeof payload !== "string" || payload.length === 0)
    return { ok: false, error: "proofOfWork: this campaign needs a solved challenge from GET /v1/campaigns/:id/challenge" };
  let decoded: { challenge?: Challenge; solution?: Solution };
  try {
    if (payload.length > 4096) throw new Error("too long");
    decoded = JSON.parse(atob(payload));
  } catch {
    return { ok: false, error: "proofOfWork: is not a base64 JSON { challenge, solution }" };
  }
  const { challenge, solution } = decoded ?? {};
  if (!challenge?.parameters || typeof challenge.signature !== "string" || !solution || typeof solution.counter !== "number")
    return { ok: false, error: "proofOfWork: is not a base64 JSON { challenge, solution }" };
  if (challenge.parameters.data?.c !== campaignId)
    return { ok: false, error: "proofOfWork: the challenge was issued for another campaign" };
  const verdict = await verifySolution({ challenge, solution, deriveKey, ...keys(secret) }).catch(() => null);
  if (!verdict?.verified) {
    const why = verdict?.expired
      ? "the challenge has expired; get a new one"
      : "the solution does not solve a challenge this collector issued";
    return { ok: false, error: `proofOfWork: ${why}` };
  }
  await db.query("DELETE FROM pow_spent WHERE expires_at < $1", [now]);
  const expiresAt = (challenge.parameters.expiresAt ?? 0) * 1000;
  const spent = await db.query(
    "INSERT INTO pow_spent (campaign_id, challenge, expires_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1",
    [campaignId, challenge.signature, Math.max(expiresAt, now + CHALLENGE_TTL_MS)],
  );
  return spent.length ? { ok: true } : { ok: false, error: "proofOfWork: this solution was already used; solve a new challenge" };
}
