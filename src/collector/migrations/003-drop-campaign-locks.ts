// draws now take a transaction-scoped advisory lock per campaign, which writes nothing; the lock rows go
export const dropCampaignLocks = `
DROP TABLE IF EXISTS campaign_locks;
`;
