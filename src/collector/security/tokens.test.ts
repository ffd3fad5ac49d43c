import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSecret, readReferralToken, referralToken, signResult, verifyResult, verifyVisitorToken, visitorToken } from "./tokens.js";

const claim = { c: "tet", d: "draw-1", v: "v1", p: "voucher50", win: true, code: "TET-XY", at: 1 };

describe("result tokens", () => {
  it("verify with the secret that signed them, and give back the claim", () => {
    expect(verifyResult("s", signResult("s", claim))).toEqual(claim);
    expect(signResult("s", claim)).toBe(signResult("s", claim));
  });

  it("fail when altered, forged with another secret or malformed", () => {
    const token = signResult("s", claim);
    const [payload, sig] = token.split(".");
    const altered = Buffer.from(JSON.stringify({ ...claim, p: "phone" })).toString("base64url");
    expect(verifyResult("s", `${altered}.${sig}`)).toBeNull();
    expect(verifyResult("other", token)).toBeNull();
    expect(verifyResult("s", `${payload}`)).toBeNull();
    expect(verifyResult("s", `${token}.x`)).toBeNull();
    expect(verifyResult("s", 42)).toBeNull();
  });
});

describe("visitor tokens", () => {
  it("bind a visitor id to one campaign", () => {
    const t = visitorToken("s", "tet", "v1");
    expect(verifyVisitorToken("s", "tet", "v1", t)).toBe(true);
    expect(verifyVisitorToken("s", "tet", "v2", t)).toBe(false);
    expect(verifyVisitorToken("s", "other", "v1", t)).toBe(false);
    expect(verifyVisitorToken("s", "tet", "v1", undefined)).toBe(false);
  });

  it("never pass as a result signature", () => {
    const payload = Buffer.from(JSON.stringify(claim)).toString("base64url");
    expect(verifyResult("s", `${payload}.${visitorToken("s", "tet", "v1")}`)).toBeNull();
  });
});

describe("loadSecret", () => {
  it("prefers the environment, else keeps one generated secret in the data dir, readable by its owner only", () => {
    const dir = mkdtempSync(join(tmpdir(), "minigame-secret-"));
    expect(loadSecret("from-env", dir)).toEqual({ secret: "from-env", source: "env" });
    const first = loadSecret(undefined, dir);
    expect(first.source).toBe("generated");
    expect(loadSecret(undefined, dir)).toEqual({ secret: first.secret, source: "stored", path: first.path });
    expect(readFileSync(first.path!, "utf8").trim()).toBe(first.secret);
    expect(statSync(first.path!).mode & 0o777).toBe(0o600);
  });
});

describe("referral tokens", () => {
  it("give back the referral id for this campaign only", () => {
    const token = referralToken("s", "tet", "r-abc");
    expect(readReferralToken("s", "tet", token)).toBe("r-abc");
    expect(readReferralToken("s", "other", token)).toBeNull();
    expect(readReferralToken("other", "tet", token)).toBeNull();
  });

  it("refuse a forged or altered token", () => {
    const [, sig] = referralToken("s", "tet", "r-abc").split(".");
    expect(readReferralToken("s", "tet", `r-abd.${sig}`)).toBeNull();
    expect(readReferralToken("s", "tet", "r-abc")).toBeNull();
    expect(readReferralToken("s", "tet", 42)).toBeNull();
  });
});
