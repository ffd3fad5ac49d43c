// a delivery's last error could hold the endpoint's whole URL (undici names it in some errors, with a user name and
// password or a token in the path or query), and the deliveries API and the dashboard list it: the dispatcher now
// leaves the URL out, and the errors stored before lose theirs here
export const webhookErrorUrls = `
UPDATE webhook_deliveries SET last_error = regexp_replace(last_error, 'https?://[^[:space:]]+', '<endpoint url>', 'g')
WHERE last_error ~ 'https?://';
`;
