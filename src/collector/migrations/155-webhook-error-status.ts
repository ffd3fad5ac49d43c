// the dispatcher keeps a refusal as its status and standard reason, never the receiver's body (which may repeat the
// endpoint URL's token in any spelling): the errors stored before, sent or not, are rewritten to that rule here. It
// needs no URL, which a migration cannot know. The collector's own errors name a URL whole (undici's): it goes in any
// case of scheme, as does the path of an endpoint still under its former default id (host and path), which is adopted
// only after the migrations (an id given with a "/" loses its tail from its errors: harmless). The reasons are node:http's STATUS_CODES at the time, frozen.
export const webhookErrorStatus = `
UPDATE webhook_deliveries SET last_error = 'answered ' || substring(last_error from '^answered ([0-9]{3})') || coalesce(': ' || (
  SELECT r.reason FROM (VALUES
    (300, 'Multiple Choices'), (301, 'Moved Permanently'), (302, 'Found'), (303, 'See Other'), (304, 'Not Modified'),
    (305, 'Use Proxy'), (307, 'Temporary Redirect'), (308, 'Permanent Redirect'), (400, 'Bad Request'),
    (401, 'Unauthorized'), (402, 'Payment Required'), (403, 'Forbidden'), (404, 'Not Found'),
    (405, 'Method Not Allowed'), (406, 'Not Acceptable'), (407, 'Proxy Authentication Required'),
    (408, 'Request Timeout'), (409, 'Conflict'), (410, 'Gone'), (411, 'Length Required'), (412, 'Precondition Failed'),
    (413, 'Payload Too Large'), (414, 'URI Too Long'), (415, 'Unsupported Media Type'), (416, 'Range Not Satisfiable'),
    (417, 'Expectation Failed'), (418, 'I''m a Teapot'), (421, 'Misdirected Request'), (422, 'Unprocessable Entity'),
    (423, 'Locked'), (424, 'Failed Dependency'), (425, 'Too Early'), (426, 'Upgrade Required'),
    (428, 'Precondition Required'), (429, 'Too Many Requests'), (431, 'Request Header Fields Too Large'),
    (451, 'Unavailable For Legal Reasons'), (500, 'Internal Server Error'), (501, 'Not Implemented'),
    (502, 'Bad Gateway'), (503, 'Service Unavailable'), (504, 'Gateway Timeout'), (505, 'HTTP Version Not Supported'),
    (506, 'Variant Also Negotiates'), (507, 'Insufficient Storage'), (508, 'Loop Detected'),
    (509, 'Bandwidth Limit Exceeded'), (510, 'Not Extended'), (511, 'Network Authentication Required')
  ) AS r(code, reason) WHERE r.code::text = substring(last_error from '^answered ([0-9]{3})')), '')
WHERE last_error ~ '^answered [0-9]{3}';
UPDATE webhook_deliveries SET last_error = regexp_replace(last_error, 'https?://[^[:space:]]+', '<endpoint url>', 'gi')
WHERE last_error ~* 'https?://';
UPDATE webhook_deliveries SET last_error = replace(last_error, substr(endpoint_id, strpos(endpoint_id, '/')), '<endpoint path>')
WHERE last_error IS NOT NULL AND strpos(endpoint_id, '/') BETWEEN 1 AND length(endpoint_id) - 1;
`;
