// people's data: each lead keeps the consent text the visitor agreed to, its version and when (Decree 13 / GDPR records)
export const leadConsent = `
ALTER TABLE leads ADD COLUMN consent_text text;
ALTER TABLE leads ADD COLUMN consent_version text;
ALTER TABLE leads ADD COLUMN consent_at bigint;
-- leads stored before this version agreed to an unrecorded text: say so rather than guess
UPDATE leads SET consent_text = '(not recorded)', consent_version = 'unknown', consent_at = updated_at WHERE consent_text IS NULL;
-- retention erases by age, export and erasure look people up by email
CREATE INDEX leads_consent_at ON leads (campaign_id, consent_at);
CREATE INDEX leads_email ON leads (lower(email));
`;
