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
  const { alphabet } = generator;
  let code = generator.prefix;
  for (let i = 0; i < generator.length; i++) code += alphabet[randomInt(random, alphabet.length)];
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
