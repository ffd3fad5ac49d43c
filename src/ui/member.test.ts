// one member is one `sub`, whatever token the brand signed for this page
import { describe, expect, it } from "vitest";
import { fingerprintMember } from "./member.js";

/** an unsigned JWT-shaped token (UTF-8 JSON in base64url): the widget reads the payload, the collector checks the signature */
const base64url = (text: string) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(text)))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
const jwt = (payload: object) => ["eyJhbGciOiJIUzI1NiJ9", base64url(JSON.stringify(payload)), "sig"].join(".");

describe("fingerprintMember", () => {
  it("is the same for two tokens signed for one member at different times", () => {
    const first = jwt({ sub: "alice", iat: 1, exp: 3601 });
    const later = jwt({ sub: "alice", iat: 7200, exp: 10800 });
    expect(first).not.toBe(later);
    expect(fingerprintMember(later)).toBe(fingerprintMember(first));
  });

  it("tells members apart, and a member from an anonymous visitor", () => {
    expect(fingerprintMember(jwt({ sub: "alice" }))).not.toBe(fingerprintMember(jwt({ sub: "bob" })));
    expect(fingerprintMember(undefined)).toBe("");
    expect(fingerprintMember(jwt({ sub: "alice" }))).not.toBe("");
  });

  it("reads a sub in any language from base64url, and never throws on a token that is not a JWT", () => {
    const viet = jwt({ sub: "khách-hàng-Nguyễn-Thị-Ữ?>>" });
    expect(viet.split(".")[1]).toMatch(/^[\w-]+$/);
    expect(fingerprintMember(viet)).toBe(fingerprintMember(jwt({ sub: "khách-hàng-Nguyễn-Thị-Ữ?>>", iat: 5 })));
    for (const token of ["opaque-session-id", "a.b.c", "a.!!!.c", jwt({ sub: 42 })]) {
      expect(fingerprintMember(token)).toMatch(/^[0-9a-z]+$/);
      expect(fingerprintMember(token)).toBe(fingerprintMember(token));
    }
    // without a sub the whole token is the member: another token, another member
    expect(fingerprintMember("opaque-1")).not.toBe(fingerprintMember("opaque-2"));
  });
});
