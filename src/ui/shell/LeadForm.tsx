// contact details before play (campaign.requireLead): validated, with an explicit consent box
import { useRef, useState } from "preact/hooks";
import { safeUrl } from "../../core/schema/url.js";
import { leadConsent } from "../../core/schema/consent.js";
import type { StringKey } from "../i18n/index.js";
import { useWidget } from "./context.js";
import { Header } from "./Header.js";

type Field = "email" | "phone" | "name";
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
// 8–15 digits, with the usual separators and an optional leading +
const PHONE = /^\+?[\d\s().-]{8,20}$/;

export function validateLead(
  fields: Field[],
  values: Partial<Record<Field, string>>,
  consent: boolean,
): Partial<Record<Field | "consent", StringKey>> {
  const errors: Partial<Record<Field | "consent", StringKey>> = {};
  for (const f of fields) {
    const v = (values[f] ?? "").trim();
    if (!v) errors[f] = "lead.required";
    else if (f === "email" && !EMAIL.test(v)) errors[f] = "lead.invalidEmail";
    else if (f === "phone") {
      const digits = v.replace(/\D/g, "").length;
      if (!PHONE.test(v) || digits < 8 || digits > 15) errors[f] = "lead.invalidPhone";
    }
  }
  if (!consent) errors.consent = "lead.consentRequired";
  return errors;
}

export function LeadForm() {
  const { campaign, flow, t } = useWidget();
  const fields = campaign.lead.fields as Field[];
  const [values, setValues] = useState<Partial<Record<Field, string>>>({});
  const [consent, setConsent] = useState(false);
  const [errors, setErrors] = useState<ReturnType<typeof validateLead>>({});
  const form = useRef<HTMLFormElement>(null);
  const privacy = safeUrl(campaign.lead.privacyUrl, "link");
  // the words shown are the words stored: the collector records this version's text from the campaign
  const consentRecord = leadConsent(campaign);
  const forPrize = flow.pending.value?.prize;

  function onSubmit(ev: Event) {
    ev.preventDefault();
    const found = validateLead(fields, values, consent);
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) {
      form.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    const lead = {
      consent,
      consentVersion: consentRecord.version,
      ...Object.fromEntries(fields.map((f) => [f, (values[f] ?? "").trim()])),
    };
    void flow.submitLead(lead);
  }

  const input = (f: Field) => (
    <div class="mg-field" key={f}>
      <label for={`mg-${f}`}>{t(`lead.${f}`)}</label>
      <input
        id={`mg-${f}`}
        name={f}
        class="mg-input"
        // the union of input types confuses JSX typing; all three are plain text inputs
        type={(f === "email" ? "email" : f === "phone" ? "tel" : "text") as "text"}
        autoComplete={f === "email" ? "email" : f === "phone" ? "tel" : "name"}
        inputMode={f === "phone" ? "tel" : f === "email" ? "email" : undefined}
        value={values[f] ?? ""}
        onInput={(e) => setValues({ ...values, [f]: (e.target as HTMLInputElement).value })}
        aria-invalid={errors[f] ? "true" : undefined}
        aria-describedby={errors[f] ? `mg-${f}-err` : undefined}
      />
      {errors[f] && (
        <p class="mg-err" id={`mg-${f}-err`}>
          {t(errors[f]!)}
        </p>
      )}
    </div>
  );

  return (
    <div class="mg-fade">
      <Header showDescription={false} />
      <p class="mg-sub" style={{ color: "var(--mg-text)", fontWeight: 600 }}>
        {forPrize ? t("lead.forPrize", { prize: forPrize.label }) : t("lead.title")}
      </p>
      <form class="mg-form" ref={form} onSubmit={onSubmit} noValidate>
        {fields.map(input)}
        <div>
          <label class="mg-check">
            <input
              type="checkbox"
              name="consent"
              checked={consent}
              onChange={(e) => setConsent((e.target as HTMLInputElement).checked)}
              aria-invalid={errors.consent ? "true" : undefined}
              aria-describedby={errors.consent ? "mg-consent-err" : undefined}
            />
            <span>
              {consentRecord.text}{" "}
              {privacy && (
                <a href={privacy} target="_blank" rel="noopener noreferrer">
                  {t("lead.privacy")}
                </a>
              )}
            </span>
          </label>
          {errors.consent && (
            <p class="mg-err" id="mg-consent-err">
              {t(errors.consent)}
            </p>
          )}
        </div>
        <button type="submit" class="mg-btn" disabled={flow.busy.value}>
          {t("lead.submit")}
        </button>
      </form>
    </div>
  );
}
