// the shell's inline script (vite.dashboard.config.ts builds it, src/collector/dashboard inlines it under a CSP hash):
// with a token in this tab, the list and the stats go out while the bundle is still loading
import { prefetch, TOKEN_KEY } from "./prefetch.js";

try {
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) prefetch(location.hash, token);
} catch {
  // no storage (a sandboxed frame, storage off): the app asks for the token and loads as before
}
