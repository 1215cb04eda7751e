import { createHmac } from 'node:crypto';

/** What Slack computes when it signs a request (v0): the tests' sender. */
export function signSlackRequest(signingSecret: string, timestamp: number, rawBody: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}
