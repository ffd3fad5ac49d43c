// the sign-in: the admin token, checked against the API before it is kept for this tab
import { useState } from "preact/hooks";
import { ApiError } from "./api.js";
import type { Strings } from "./i18n.js";

export function TokenForm({ t, onToken }: { t: Strings; onToken(token: string): Promise<void> }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const value = (new FormData(e.currentTarget as HTMLFormElement).get("token") ?? "").toString().trim();
    if (!value) return;
    setBusy(true);
    setError(null);
    try {
      await onToken(value);
    } catch (err) {
      const status = err instanceof ApiError ? err.status : 0;
      setError(status === 401 ? t.tokenWrong : status === 403 ? t.tokenDisabled : status === 0 ? t.unreachable : (err as Error).message);
      setBusy(false);
    }
  };
  return (
    <main class="signin">
      <form class="card signin-card" onSubmit={submit}>
        <span class="logo big" aria-hidden="true" />
        <h1>{t.tokenTitle}</h1>
        <p class="muted">{t.tokenHelp}</p>
        <label class="field">
          <span>{t.tokenLabel}</span>
          <input name="token" type="password" autocomplete="current-password" required autofocus />
        </label>
        {error ? (
          <p class="error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" class="btn primary" disabled={busy}>
          {t.tokenSubmit}
        </button>
      </form>
    </main>
  );
}
