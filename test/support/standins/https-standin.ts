import { createVerify } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createTestCa, issueServerCert, type TestCa } from '../../harness/certs.ts';

/** One request as a stand-in saw it: what the tests assert dirsync sent. */
export interface RecordedCall {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string | null;
  form: Record<string, string>;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (call: RecordedCall) => Reply;

let ca: Promise<{ ca: TestCa; cert: { certPem: string; keyPem: string } }> | undefined;
/** One CA and certificate (for localhost) per test process: openssl runs once. */
function loopbackCertificate() {
  ca ??= (async () => {
    const testCa = await createTestCa('dirsync API stand-in CA');
    return { ca: testCa, cert: await issueServerCert(testCa, { dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] }) };
  })();
  return ca;
}

/**
 * An HTTPS server on 127.0.0.1 with a certificate for localhost signed by a test CA (dirsync is
 * given the CA with --ca-file, as an operator would for a TLS-inspecting proxy). Every call is
 * recorded before the handler answers it.
 */
export async function startHttpsStandin(handler: Handler): Promise<{ url: string; caPem: string; calls: RecordedCall[]; close: () => Promise<void> }> {
  const { ca: testCa, cert } = await loopbackCertificate();
  const calls: RecordedCall[] = [];
  const server: Server = createServer({ cert: cert.certPem, key: cert.keyPem }, (req, res) => {
    void answer(req, res, handler, calls);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://localhost:${port}`,
    caPem: testCa.certPem,
    calls,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

async function answer(req: IncomingMessage, res: ServerResponse, handler: Handler, calls: RecordedCall[]) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const url = new URL(req.url ?? '/', 'https://localhost');
  const body = Buffer.concat(chunks).toString('utf8');
  const call: RecordedCall = {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    authorization: req.headers.authorization ?? null,
    form: req.headers['content-type']?.startsWith('application/x-www-form-urlencoded') ? Object.fromEntries(new URLSearchParams(body)) : {},
  };
  calls.push(call);
  let reply: Reply;
  try {
    reply = handler(call);
  } catch (e) {
    reply = { status: 500, body: { error: { code: 'standin_bug', message: (e as Error).message } } };
  }
  res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
  res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
}

/** A page of `items` from `offset`, and the offset of the next page (null on the last). */
export function pageOf<T>(items: T[], offset: number, size: number): { page: T[]; next: number | null } {
  const page = items.slice(offset, offset + size);
  return { page, next: offset + size < items.length ? offset + size : null };
}

/** The claims of a compact JWS after checking its RS256 signature with `publicKeyPem`; null when it does not verify. */
export function verifiedClaims(jwt: string, publicKeyPem: string): { header: Record<string, unknown>; claims: Record<string, unknown> } | null {
  const [h, c, s] = jwt.split('.');
  if (!h || !c || !s) return null;
  const ok = createVerify('RSA-SHA256').update(`${h}.${c}`).verify(publicKeyPem, Buffer.from(s, 'base64url'));
  if (!ok) return null;
  return { header: JSON.parse(Buffer.from(h, 'base64url').toString()), claims: JSON.parse(Buffer.from(c, 'base64url').toString()) };
}
