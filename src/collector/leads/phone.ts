// how people's data matches phone numbers: by digits, with Vietnam's +84 and a leading 0 taken as the same number

/**
 * Phone numbers compare by digits, with Vietnam's +84 and a leading 0 taken as the same number:
 * "+84 912 345 678", "84912345678" and "0912-345-678" are one person.
 * @example normalizePhone("+84 912 345 678") // "0912345678"
 */
export function normalizePhone(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  return digits.startsWith("84") && digits.length >= 11 ? `0${digits.slice(2)}` : digits;
}

/**
 * The same rule in SQL, for any text expression, so numbers stored in any spelling are found.
 * @example `WHERE ${phoneKeySql("phone")} = $1`
 */
export function phoneKeySql(text: string): string {
  const digits = `regexp_replace(${text}, '[^0-9]', '', 'g')`;
  return `(CASE WHEN ${digits} ~ '^84[0-9]{9,}$' THEN '0' || substr(${digits}, 3) ELSE ${digits} END)`;
}
