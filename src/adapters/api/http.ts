import https from 'node:https';
import type { ProbeSettings } from '../../core/probe.ts';
import { ProbeFailure } from '../../core/probe.ts';
import type { Lookup } from '../ldap/connection.ts';
import { observe } from '../ldap/observe.ts';
import { tlsOptions } from '../ldap/trust.ts';

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body; null when the body was empty or not JSON. */
  body: unknown;
}

/** Bodies beyond this are not a directory page: refuse them rather than fill memory. */
const MAX_BODY = 64 * 1024 * 1024;

/**
 * One HTTPS request with the integration's trust (system roots plus its CA bundle), names
 * resolved through `lookup` (tests resolve on loopback only) and the operation timeout.
 * Socket and TLS faults are thrown as ProbeFailure with Node's code, like the LDAP adapter's.
 */
export function request(settings: ProbeSettings, lookup: Lookup, url: string, init: { method?: string; headers?: Record<string, string>; form?: Record<string, string> } = {}): Promise<HttpAnswer> {
  const target = new URL(url);
  const host = target.hostname.replace(/^\[(.*)\]$/, '$1');
  const body = init.form ? new URLSearchParams(init.form).toString() : undefined;
  const headers = { accept: 'application/json', ...init.headers, ...(body !== undefined && { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body)) }) };
  return new Promise<HttpAnswer>((resolve, reject) => {
    const req = https.request(
      {
        ...tlsOptions(settings, host),
        port: Number(target.port) || 443,
        path: `${target.pathname}${target.search}`,
        method: init.method ?? 'GET',
        headers,
        agent: false,
        // Node asks for every address (all: true) when it tries families in turn.
        lookup: (hostname, options, callback) => {
          const done = callback as (e: Error | null, address?: string | { address: string; family: number }[], family?: number) => void;
          lookup(hostname).then((addresses) => {
            const family = (a: string) => (a.includes(':') ? 6 : 4);
            if ((options as { all?: boolean }).all) done(null, addresses.map((address) => ({ address, family: family(address) })));
            else done(null, addresses[0]!, family(addresses[0]!));
          }, (e: Error) => done(e));
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY) req.destroy(new Error(`the answer from ${host} exceeds ${MAX_BODY} bytes`));
          else chunks.push(chunk);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parseJson(Buffer.concat(chunks).toString('utf8')) }));
        res.on('error', reject);
      },
    );
    req.setTimeout(settings.operationTimeoutMs, () => req.destroy(Object.assign(new Error(`no answer from ${host} within ${settings.operationTimeoutMs} ms`), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
    req.end(body);
  }).catch((e: unknown) => {
    throw e instanceof ProbeFailure ? e : observe(e);
  });
}

function parseJson(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
