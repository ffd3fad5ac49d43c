// coupon codes: from a pool in order (never twice) or generated (prefix + random characters)
import type { Prize } from "../schema/campaign.js";
import { randomInt } from "./random.js";
import type { Random } from "./types.js";

type CodeGenerator = NonNullable<Prize["codeGenerator"]>;

/**
 * A random code such as "TET50-7KQ2M9XH"; each character is an unbiased pick from the alphabet.
 * @example generateCode({ prefix: "TET50-", length: 8, alphabet: "23456789ABCDEFGHJKMNPQRSTUVWXYZ" }, cryptoRandom)
 */
export function generateCode(generator: CodeGenerator, random: Random): string {
  const { alphabet, length } = generator;
  const m = alphabet.length;
  // k characters per random number: the base-m digits of a uniform integer below m^k are independent and uniform
  const k = Math.max(1, Math.floor(53 / Math.log2(m)));
  let code = generator.prefix;
  for (let done = 0; done < length; done += k) {
    const chunk = Math.min(k, length - done);
    let x = randomInt(random, m ** chunk);
    for (let i = 0; i < chunk; i++, x = Math.floor(x / m)) code += alphabet[x % m];
  }
  return code;
}

/** the next pool code: the pool is handed out in order, so `given` units used exactly the first `given` codes */
export function poolCode(prize: Prize, given: number): string | undefined {
  return prize.codes?.[given];
}

/** a placeholder code for test plays: it looks like a code and is never a real one */
export function testCode(random: Random): string {
  return generateCode({ prefix: "TEST-", length: 8, alphabet: "23456789ABCDEFGHJKMNPQRSTUVWXYZ" }, random);
}
