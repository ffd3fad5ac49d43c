// the browser's half of the collector's proof of work: fetch an ALTCHA challenge, solve it, hand back the payload

/**
 * Fetch a challenge from `${root}/challenge` and solve it with altcha-lib's solver. The solver is loaded by dynamic
 * import, so pages whose campaign asks for no proof of work never download it.
 * @example const proofOfWork = await solveProofOfWork("https://c.example.com/v1/campaigns/tet", fetch);
 */
export async function solveProofOfWork(root: string, doFetch: typeof fetch): Promise<string> {
  // destructured imports let the bundler keep only the solver, not altcha-lib's server-side checks
  const [res, { solveChallenge }, { deriveKey }] = await Promise.all([
    doFetch(`${root}/challenge`, { cache: "no-store" }),
    import("altcha-lib"),
    import("altcha-lib/algorithms/web/sha"),
  ]);
  if (!res.ok) throw new Error(`challenge: HTTP ${res.status}`);
  const challenge = (await res.json()) as Parameters<typeof solveChallenge>[0]["challenge"];
  const solution = await solveChallenge({ challenge, deriveKey, timeout: 60_000 });
  if (!solution) throw new Error("challenge: not solved within 60 s");
  return btoa(JSON.stringify({ challenge, solution }));
}
