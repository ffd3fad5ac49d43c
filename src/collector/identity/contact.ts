// one person, one key: emails and phones written in different ways count as the same contact

// mailboxes that ignore dots in the local part (and share one domain under two names)
const DOTLESS = new Set(["gmail.com", "googlemail.com"]);

/**
 * The canonical form of an email for counting plays: trimmed, lowercased, without a "+tag"
 * (sub-addressing, which most providers deliver to the same mailbox), and without dots at Gmail.
 * Returns null when it is not an address.
 * @example normalizeEmail(" An.Nguyen+promo@GoogleMail.com ") // "annguyen@gmail.com"
 */
export function normalizeEmail(email: string): string | null {
  const at = email.trim().toLowerCase().lastIndexOf("@");
  if (at < 1) return null;
  const lower = email.trim().toLowerCase();
  let local = lower.slice(0, at);
  let domain = lower.slice(at + 1).replace(/\.$/, "");
  if (!domain.includes(".") || /\s/.test(local + domain)) return null;
  local = local.split("+")[0]!;
  if (DOTLESS.has(domain)) {
    local = local.replaceAll(".", "");
    domain = "gmail.com";
  }
  return local ? `${local}@${domain}` : null;
}

/**
 * A phone number in E.164 (+ and 8–15 digits). A national Vietnamese number (leading 0) becomes +84;
 * "84…" without a plus is read as Vietnamese too, and "00" is the international prefix.
 * Returns null when no E.164 number can be read.
 * @example normalizePhone("090 123 4567") // "+84901234567"
 */
export function normalizePhone(phone: string): string | null {
  const trimmed = phone.trim();
  const digits = trimmed.replace(/[\s().-]/g, "");
  let e164: string;
  if (/^\+\d+$/.test(digits)) e164 = digits;
  else if (/^00\d+$/.test(digits)) e164 = `+${digits.slice(2)}`;
  else if (/^0\d{8,10}$/.test(digits)) e164 = `+84${digits.slice(1)}`;
  else if (/^84\d{9,10}$/.test(digits)) e164 = `+${digits}`;
  else return null;
  // a trunk 0 kept after the country code ("+84 (0)90…") is dropped, as a dialler would
  e164 = e164.replace(/^\+840/, "+84");
  return /^\+[1-9]\d{7,14}$/.test(e164) ? e164 : null;
}

/**
 * The subject plays are counted for in lead mode: the email when the form asks for one, else the phone.
 * @example leadSubject({ email: "An@x.vn", phone: "0901234567" }) // "email:an@x.vn"
 */
export function leadSubject(lead: { email?: string | undefined; phone?: string | undefined }): string | null {
  const email = lead.email ? normalizeEmail(lead.email) : null;
  if (email) return `email:${email}`;
  const phone = lead.phone ? normalizePhone(lead.phone) : null;
  return phone ? `phone:${phone}` : null;
}
