import { X509Certificate } from 'node:crypto';
import { isIP, type Socket } from 'node:net';
import tls from 'node:tls';
import type { RawEntry } from '../../core/directory-entry.ts';
import type { CertificateInfo } from '../../core/ports.ts';
import { ProbeFailure, type ConnectionProbe, type ProbeSettings, type SampleEntry, type TlsOutcome } from '../../core/probe.ts';
import type { Lookup } from '../ldap/connection.ts';
import { observe } from '../ldap/observe.ts';
import { openSocket, toSample, withTimeout } from '../ldap/socket.ts';
import { tlsOptions } from '../ldap/trust.ts';
import { describe } from '../pki/x509.ts';
import { apiFailure, isOk, withRetries, type RetryBudget, RETRY_BUDGET } from './answers.ts';
import { request, type HttpAnswer } from './http.ts';

export interface Token {
  value: string;
  /** What the token stage reports: who it was issued to, by whom. */
  detail: string;
}

/**
 * A directory read through an HTTP API, driven through the stages of an API test
 * (core/stages.ts API_STAGES): dns, tcp and tls against the API's host, then a token, then reads.
 * Subclasses (Graph, Google) know the token endpoint and the resources.
 */
export abstract class ApiProbe implements ConnectionProbe {
  readonly host: string;
  readonly port: number;
  protected readonly settings: ProbeSettings;
  private readonly lookup: Lookup;
  private readonly budget: RetryBudget;
  private socket: Socket | null = null;
  private token: Token | null = null;

  constructor(settings: ProbeSettings, lookup: Lookup, budget: RetryBudget = RETRY_BUDGET) {
    const url = new URL(settings.url);
    this.settings = settings;
    this.lookup = lookup;
    this.budget = budget;
    this.host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    this.port = Number(url.port) || 443;
  }

  protected abstract fetchToken(): Promise<Token>;
  protected abstract groupEntries(pageSize: number, withMembers: boolean): AsyncIterable<RawEntry[]>;
  abstract readUsers(baseDns: string[], pageSize: number): AsyncIterable<RawEntry[]>;

  async resolve(): Promise<string[]> {
    if (isIP(this.host)) return [this.host];
    return withTimeout(this.lookup(this.host), this.settings.connectTimeoutMs, () =>
      observe(Object.assign(new Error(`DNS lookup of ${this.host} did not finish within ${this.settings.connectTimeoutMs} ms`), { code: 'EAI_AGAIN' })),
    ).catch((e: unknown) => {
      throw observe(e);
    });
  }

  async connect(addresses: string[]): Promise<string> {
    let last: unknown;
    for (const address of addresses) {
      try {
        this.socket = await openSocket(address, this.port, this.settings.connectTimeoutMs);
        return address;
      } catch (e) {
        last = e;
      }
    }
    throw observe(last);
  }

  /** The handshake on the tested connection, for its certificate; the requests then open their own. */
  async secure(): Promise<TlsOutcome> {
    if (!this.socket) throw new Error('connect() first');
    let seen: CertificateInfo | null = null;
    const socket = tls.connect({ ...tlsOptions(this.settings, this.host), socket: this.socket, ALPNProtocols: ['http/1.1'] });
    // As in the LDAP adapter: the certificate is seen before verification may reject it.
    socket.on('keylog', () => {
      const raw = socket.getPeerCertificate(true)?.raw;
      if (raw) seen = describe(new X509Certificate(raw));
    });
    socket.setTimeout(this.settings.operationTimeoutMs, () => socket.destroy(new Error(`TLS handshake timed out after ${this.settings.operationTimeoutMs} ms`)));
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('secureConnect', resolve);
        socket.once('error', reject);
      });
      const cert = socket.getPeerX509Certificate();
      if (!cert) throw new Error('TLS handshake completed without a server certificate');
      return { protocol: socket.getProtocol() ?? 'TLS', certificate: describe(cert) };
    } catch (e) {
      throw observe(e, seen);
    } finally {
      socket.destroy();
    }
  }

  async bind(): Promise<string> {
    this.token = await this.fetchToken();
    return this.token.detail;
  }

  /** API kinds have no base DN: the tenant or customer is part of the token and the URLs. */
  async checkBase(): Promise<void> {}

  async sampleUsers(_baseDns: string[], limit: number, pageSize: number): Promise<{ entries: SampleEntry[]; pages: number; complete: boolean }> {
    const entries: SampleEntry[] = [];
    let pages = 0;
    for await (const page of this.readUsers([], pageSize)) {
      pages++;
      for (const entry of page) {
        if (entries.length === limit) return { entries, pages, complete: false };
        entries.push(toSample(entry));
      }
    }
    return { entries, pages, complete: true };
  }

  async countGroups(_baseDns: string[], limit: number): Promise<{ count: number; complete: boolean }> {
    let count = 0;
    for await (const page of this.groupEntries(Math.min(limit, 200), false)) {
      count += page.length;
      if (count >= limit) return { count: limit, complete: false };
    }
    return { count, complete: true };
  }

  readGroups(_baseDns: string[], pageSize: number): AsyncIterable<RawEntry[]> {
    return this.groupEntries(pageSize, true);
  }

  async close(): Promise<void> {
    this.socket?.destroy();
    this.token = null;
  }

  /** Requests without a token (the token endpoint itself), throttling honoured. */
  protected send(url: string, init: Parameters<typeof request>[3] = {}): Promise<HttpAnswer> {
    return withRetries(() => request(this.settings, this.lookup, url, init), this.budget);
  }

  /**
   * A GET with the access token. A 401 means the token expired during a long read: one new
   * token and one more try; anything else not 2xx is a classified failure.
   */
  protected async get(url: string, what: string): Promise<unknown> {
    this.token ??= await this.fetchToken();
    let answer = await this.send(url, { headers: { authorization: `Bearer ${this.token.value}` } });
    if (answer.status === 401) {
      this.token = await this.fetchToken();
      answer = await this.send(url, { headers: { authorization: `Bearer ${this.token.value}` } });
    }
    if (!isOk(answer)) throw apiFailure(answer, what);
    if (answer.body === null || typeof answer.body !== 'object') throw new ProbeFailure({ httpStatus: answer.status, diagnostic: `${what}: the answer is not a JSON object`, message: `${what}: the answer is not a JSON object` });
    return answer.body;
  }
}

/** Only the values that are there: APIs send null for an absent mail, which is not the text "null". */
export function present(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null && v !== undefined));
}
