// the browser's half of the collector's proof of work: fetch an ALTCHA challenge, solve it, hand back the payload

/**
 * Fetch a challenge from `${root}/challenge` and solve it with altcha-lib's solver. The solver is loaded by dynamic
 * import, so pages whose campaign asks for no proof of work never download it.
 * @example const proofOfWork = await solveProofOfWork("https://c.example.com/v1/campaigns/tet", fetch);
 */
export async function solveProofOfWork(root: string, doFetch: typeof fetch): Promise<string> {
  const [res, altcha, sha] = await Promise.all([
    doFetch(`${root}/challenge`, { cache: "no-store" }),
    import("altcha-lib"),
    import("altcha-lib/algorithms/web/sha"),
  ]);
  if (!res.ok) throw new Error(`challenge: HTTP ${res.status}`);
  const challenge = (await res.json()) as Parameters<typeof altcha.solveChallenge>[0]["challenge"];
  const solution = await altcha.solveChallenge({ challenge, deriveKey: sha.deriveKey, timeout: 60_000 });
  if (!solution) throw new Error("challenge: not solved within 60 s");
  return btoa(JSON.stringify({ challenge, solution }));
}
