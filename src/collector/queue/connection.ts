// how the collector logs in to NATS: the client reads no credentials from a URL, so the ones a URL carries are taken out
// of it and handed over as options (user and password, or a token); an nkey seed comes as an option of its own
import { nkeyAuthenticator, type ConnectionOptions } from "@nats-io/transport-node";

/**
 * The connection options for comma-separated NATS URLs: `nats://user:password@host:4222` logs in with a user and a
 * password, `nats://token@host:4222` with a token, and `nkeySeed` (an `SU…` seed) with an nkey. Every URL names the
 * same credentials; the first URL that carries any decides.
 * @example connectionOptions("nats://collector:s3cret@nats:4222") // { servers: ["nats://nats:4222"], user: "collector", pass: "s3cret" }
 */
export function connectionOptions(
  urls: string,
  nkeySeed?: string,
): Pick<ConnectionOptions, "servers" | "user" | "pass" | "token" | "authenticator"> {
  let login: Pick<ConnectionOptions, "user" | "pass" | "token"> | undefined;
  const servers = urls
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((server) => {
      const url = URL.canParse(server) ? new URL(server) : undefined;
      if (!url?.username) return server;
      const user = decodeURIComponent(url.username);
      login ??= url.password ? { user, pass: decodeURIComponent(url.password) } : { token: user };
      return `${url.protocol}//${url.host}`;
    });
  return {
    servers,
    ...login,
    ...(nkeySeed ? { authenticator: nkeyAuthenticator(new TextEncoder().encode(nkeySeed.trim())) } : {}),
  };
}
