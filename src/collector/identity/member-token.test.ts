import { generateKeyPairSync } from "node:crypto";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { createMemberVerifier } from "./member-token.js";

const secret = "a-shared-secret-of-the-brand-backend-0123456789";
const hs = (claims: Record<string, unknown>, key = secret, exp: string | number = "10m") =>
  new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).setExpirationTime(exp).sign(new TextEncoder().encode(key));

describe("createMemberVerifier", () => {
  it("is undefined without a key", () => {
    expect(createMemberVerifier({})).toBeUndefined();
  });

  it("accepts an HS256 token signed with the configured secret and returns its sub", async () => {
    const verify = createMemberVerifier({ secret })!;
    expect(await verify(await hs({ sub: "customer-42" }))).toEqual({ ok: true, sub: "customer-42" });
  });

  it("refuses a token signed with another secret, an expired token and one without sub", async () => {
    const verify = createMemberVerifier({ secret })!;
    expect(await verify(await hs({ sub: "x" }, "another-secret-another-secret-0123"))).toMatchObject({ ok: false });
    expect(await verify(await hs({ sub: "x" }, secret, Math.floor(Date.now() / 1000) - 120))).toEqual({
      ok: false,
      error: expect.stringContaining("expired"),
    });
    expect(await verify(await hs({ name: "x" }))).toEqual({ ok: false, error: expect.stringContaining("sub") });
  });

  it("checks issuer and audience when configured", async () => {
    const verify = createMemberVerifier({ secret, issuer: "https://shop.example", audience: "minigame" })!;
    expect(await verify(await hs({ sub: "x", iss: "https://shop.example", aud: "minigame" }))).toEqual({ ok: true, sub: "x" });
    expect(await verify(await hs({ sub: "x", iss: "https://evil.example", aud: "minigame" }))).toMatchObject({ ok: false });
  });

  it("verifies ES256 tokens with a public key and refuses an HS256 token forged with that public key as secret", async () => {
    const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const pem = publicKey.export({ type: "spki", format: "pem" }).toString();
    const verify = createMemberVerifier({ publicKeyPem: pem })!;
    const good = await new SignJWT({ sub: "m-1" }).setProtectedHeader({ alg: "ES256" }).setExpirationTime("5m").sign(privateKey);
    expect(await verify(good)).toEqual({ ok: true, sub: "m-1" });
    expect(await verify(await hs({ sub: "m-1" }, pem))).toMatchObject({ ok: false });
  });
});
