import { describe, expect, it } from "vitest";
import { leadSubject, normalizeEmail, normalizePhone } from "./contact.js";

describe("normalizeEmail", () => {
  it.each([
    [" An.Nguyen@Example.VN ", "an.nguyen@example.vn"],
    ["an+promo@example.vn", "an@example.vn"],
    ["a.n.nguyen+x+y@gmail.com", "annguyen@gmail.com"],
    ["An.Nguyen@GoogleMail.com", "annguyen@gmail.com"],
    ["an@example.vn.", "an@example.vn"],
  ])("%s counts as %s", (input, expected) => {
    expect(normalizeEmail(input)).toBe(expected);
  });

  it.each(["", "an", "@example.vn", "an@localhost", "+tag@example.vn", "a n@example.vn"])("refuses %j", (bad) => {
    expect(normalizeEmail(bad)).toBeNull();
  });
});

describe("normalizePhone", () => {
  it.each([
    ["0901234567", "+84901234567"],
    ["090 123 4567", "+84901234567"],
    ["(090) 123-4567", "+84901234567"],
    ["+84 90 123 4567", "+84901234567"],
    ["+84 (0)90 123 4567", "+84901234567"],
    ["84901234567", "+84901234567"],
    ["0084901234567", "+84901234567"],
    ["028 3822 1234", "+842838221234"],
    ["+33 6 12 34 56 78", "+33612345678"],
  ])("%s is %s", (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it.each(["", "12345", "+0123456789", "090-abc-4567", "+1234567890123456"])("refuses %j", (bad) => {
    expect(normalizePhone(bad)).toBeNull();
  });
});

describe("leadSubject", () => {
  it("prefers the email, then the phone, and names which", () => {
    expect(leadSubject({ email: "An@Example.vn", phone: "0901234567" })).toBe("email:an@example.vn");
    expect(leadSubject({ phone: "0901234567" })).toBe("phone:+84901234567");
    expect(leadSubject({})).toBeNull();
  });
});
