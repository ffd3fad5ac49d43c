// member mode: the brand's backend signs a JWT for its logged-in customer; plays are counted per `sub`
import { createPublicKey, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { errors, jwtVerify, type JWTVerifyGetKey } from "jose";

/** how the collector checks member tokens; from its own flags and environment, never from a campaign file */
export type MemberJwtOptions = {
  /** shared secret for HS256 tokens (--member-jwt-secret, env MINIGAME_MEMBER_JWT_SECRET) */
  secret?: string;
  /** PEM public key (SPKI) for RS*, PS*, ES* or EdDSA tokens (--member-jwt-public-key <file>) */
  publicKeyPem?: string;
  /** required `iss` (--member-jwt-issuer) */
  issuer?: string;
  /** required `aud` (--member-jwt-audience) */
  audience?: string;
};

export type MemberVerifier = (token: string) => Promise<{ ok: true; sub: string } | { ok: false; error: string }>;

const ASYMMETRIC = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA", "Ed25519"];

/** read the public key file named by --member-jwt-public-key, with an error that names the file */
export function readPublicKey(path: string): string {
  try {
    const pem = readFileSync(path, "utf8");
    createPublicKey(pem);
    return pem;
  } catch (e) {
    throw new Error(`--member-jwt-public-key: cannot read a PEM public key from ${path} (${(e as Error).message})`);
  }
}

/**
 * A verifier of member tokens with jose (a maintained JWT library: algorithm confusion, expiry and clock
 * checks are its job). Undefined when no key is configured. Tokens must carry `sub` and `exp`.
 * @example const verify = createMemberVerifier({ secret: process.env.MINIGAME_MEMBER_JWT_SECRET });
 */
export function createMemberVerifier(options: MemberJwtOptions): MemberVerifier | undefined {
  const secret = options.secret ? new TextEncoder().encode(options.secret) : undefined;
  const publicKey: KeyObject | undefined = options.publicKeyPem ? createPublicKey(options.publicKeyPem) : undefined;
  if (!secret && !publicKey) return undefined;
  const algorithms = [...(secret ? ["HS256"] : []), ...(publicKey ? ASYMMETRIC : [])];
  // the header names the algorithm; each algorithm family has exactly one key, so a secret can never check an RSA token
  const getKey: JWTVerifyGetKey = (header) => {
    const key = header.alg === "HS256" ? secret : publicKey;
    if (!key) throw new Error(`no key for ${header.alg}`);
    return key;
  };
  return async (token) => {
    if (token.length > 4096) return { ok: false, error: "memberToken is longer than 4096 characters" };
    try {
      const { payload } = await jwtVerify(token, getKey, {
        algorithms,
        requiredClaims: ["sub", "exp"],
        ...(options.issuer ? { issuer: options.issuer } : {}),
        ...(options.audience ? { audience: options.audience } : {}),
        clockTolerance: 30,
      });
      if (typeof payload.sub !== "string" || payload.sub.length === 0 || payload.sub.length > 200)
        return { ok: false, error: "memberToken: sub must be a string of 1–200 characters" };
      return { ok: true, sub: payload.sub };
    } catch (e) {
      if (e instanceof errors.JWTExpired)
        return { ok: false, error: "memberToken has expired; the page must ask its backend for a new one" };
      if (e instanceof errors.JWTClaimValidationFailed) return { ok: false, error: `memberToken: ${e.message}` };
      return { ok: false, error: "memberToken is not a token signed with the key this collector was given" };
    }
  };
}
