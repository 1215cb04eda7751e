/**
 * Last line of defence: secrets are never passed to the logger on purpose, but any field
 * with one of these names is censored wherever it appears (pino on Node, the console on Workers).
 */
export const REDACTED_KEYS = [
  'password', 'bindPassword', 'secret', 'secretKey', 'token', 'authorization', 'cookie', 'clientKeyPem', 'databaseUrl',
  'botToken', 'appToken', 'signingSecret', 'response_url', 'responseUrl', 'appPassword', 'MicrosoftAppPassword',
];
