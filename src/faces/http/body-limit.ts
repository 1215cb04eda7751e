import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

/** Dashboard forms: a few fields of text. */
export const FORM_BODY_BYTES = 64 * 1024;
/** Slack and Bot Framework payloads, a few KiB each, with room for large cards. */
export const BOT_BODY_BYTES = 1024 * 1024;

/**
 * Refuses a request body over `maxBytes` with 413 while it streams: a Content-Length above it
 * before a byte is read (Node's parser holds a body to its Content-Length), a chunked body as soon
 * as it passes the limit. A body within it is read once and handed on, so routes read it as usual.
 * `Connection: close` drops the socket instead of draining whatever the client still sends.
 */
export function limitBody(maxBytes: number): MiddlewareHandler {
  const size = maxBytes % (1024 * 1024) === 0 ? `${maxBytes / 1024 / 1024} MiB` : `${maxBytes / 1024} KiB`;
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) =>
      c.text(
        `This request's body is larger than the ${size} that ${c.req.method} ${c.req.path} accepts, so it was not read and nothing changed. ` +
          "dirsync's own forms, Slack and Teams send far less: check what sent it.",
        413,
        { Connection: 'close' },
      ),
  });
}
