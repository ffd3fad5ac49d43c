// retention, returning participants, NPS and referrals: small figure blocks under their section titles
import type { Stats } from "./api.js";
import type { Format, Strings } from "./i18n.js";

type Props = { stats: Stats; t: Strings; f: Format };

function Figure({ label, value, note, metric }: { label: string; value: string; note?: string | undefined; metric: string }) {
  return (
    <div class="figure" data-metric={metric}>
      <div class="figure-value">{value}</div>
      <div class="figure-label">{label}</div>
      {note ? <div class="muted small">{note}</div> : null}
    </div>
  );
}

/** how many first-time participants a retention share is taken over (cohorts whose window has ended) */
const cohort = (n: number | undefined, t: Strings, f: Format) => (n === undefined ? undefined : `${t.cohortOf} ${f.n(n)}`);

export function Retention({ stats, t, f }: Props) {
  const { retention, returning } = stats;
  return (
    <div class="figures">
      {retention ? (
        <Figure metric="retention.d1" label={t.d1} value={f.pct(retention.d1)} note={cohort(retention.cohorts?.d1, t, f)} />
      ) : null}
      {retention ? (
        <Figure metric="retention.d7" label={t.d7} value={f.pct(retention.d7)} note={cohort(retention.cohorts?.d7, t, f)} />
      ) : null}
      {returning !== undefined ? (
        <Figure
          metric="returning"
          label={t.returning}
          value={f.n(returning)}
          note={`${t.returningHelp}${stats.participants > 0 ? ` · ${f.pct(returning / stats.participants)}` : ""}`}
        />
      ) : null}
    </div>
  );
}

export function Nps({ stats, t, f }: Props) {
  const nps = stats.nps;
  if (!nps || nps.responses === 0) return <p class="muted">{t.npsNone}</p>;
  const share = (n: number) => `${((n / nps.responses) * 100).toFixed(2)}%`;
  return (
    <div class="nps">
      <div class="figure" data-metric="nps.score">
        <div class="figure-value">{nps.score > 0 ? `+${f.n(nps.score)}` : f.n(nps.score)}</div>
        <div class="figure-label">
          {f.n(nps.responses)} {t.npsResponses}
        </div>
      </div>
      <div class="stack-bar" aria-hidden="true">
        <span class="seg promoters" style={{ width: share(nps.promoters) }} />
        <span class="seg passives" style={{ width: share(nps.passives) }} />
        <span class="seg detractors" style={{ width: share(nps.detractors) }} />
      </div>
      <ul class="legend">
        <li>
          <i class="dot promoters" /> {t.promoters} {f.n(nps.promoters)}
        </li>
        <li>
          <i class="dot passives" /> {t.passives} {f.n(nps.passives)}
        </li>
        <li>
          <i class="dot detractors" /> {t.detractors} {f.n(nps.detractors)}
        </li>
      </ul>
    </div>
  );
}

export function Referrals({ stats, t, f }: Props) {
  const r = stats.referrals;
  if (!r) return null;
  return (
    <div class="figures">
      <Figure metric="referrals.shares" label={t.shares} value={f.n(r.shares)} />
      <Figure metric="referrals.visits" label={t.referredVisits} value={f.n(r.visits)} />
      <Figure metric="referrals.participants" label={t.referredParticipants} value={f.n(r.participants)} />
      <Figure metric="referrals.viralCoefficient" label={t.viralCoefficient} value={f.n(Math.round(r.viralCoefficient * 100) / 100)} />
    </div>
  );
}
