import { X509Certificate } from 'node:crypto';
import { lookup as systemLookup } from 'node:dns/promises';
import { isIP, type Socket } from 'node:net';
import tls from 'node:tls';
import { Client, Control } from 'ldapts';
import { isMapped } from '../../core/integration.ts';
import { readUsnMark, SHOW_DELETED } from './usn.ts';
import type { CertificateInfo } from '../../core/ports.ts';
import { ProbeFailure, type ConnectionProbe, type DeltaReads, type ProbeSettings, type SampleEntry, type TlsOutcome } from '../../core/probe.ts';
import { describe } from '../pki/x509.ts';
import { baseDnFacts } from './base-dn.ts';
import { observe } from './observe.ts';
import { readEntries, readGroupEntries } from './read.ts';
import { openSocket, toSample, withTimeout } from './socket.ts';
import { tlsOptions } from './trust.ts';

/** The configured filter, narrowed (a delta's change condition). */
const and = (filter: string, narrow?: string) => (narrow ? `(&${filter}${narrow})` : filter);

export type Lookup = (host: string) => Promise<string[]>;

export const lookupSystem: Lookup = async (host) => (await systemLookup(host, { all: true, verbatim: true })).map((a) => a.address);

/**
 * One connection to one directory server, opened step by step so each step can be timed and
 * diagnosed on its own: our own socket, our own TLS handshake, then ldapts on top of them.
 */
export class LdapConnection implements ConnectionProbe, DeltaReads {
  readonly host: string;
  readonly port: number;
  private readonly secure_: boolean;
  private readonly settings: ProbeSettings;
  private readonly lookup: Lookup;
  private socket: Socket | null = null;
  /** An error the socket raised while no operation was waiting on it (see keepQuiet). */
  private idleError: Error | null = null;
  private client: Client | null = null;
  private bound = false;

  constructor(settings: ProbeSettings, lookup: Lookup = lookupSystem) {
    const url = new URL(settings.url);
    this.settings = settings;
    this.lookup = lookup;
    this.secure_ = url.protocol === 'ldaps:';
    this.host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    this.port = Number(url.port) || (this.secure_ ? 636 : 389);
  }

  async resolve(): Promise<string[]> {
    if (isIP(this.host)) return [this.host];
    // getaddrinfo has no timeout of its own.
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
        this.keepQuiet(this.socket);
        return address;
      } catch (e) {
        last = e;
      }
    }
    throw observe(last);
  }

  async secure(): Promise<TlsOutcome | null> {
    const plain = this.requireSocket();
    if (this.settings.tlsMode === 'none') {
      this.client = this.newClient({ createConnection: () => plain });
      return null;
    }
    let seen: CertificateInfo | null = null;
    let secured: tls.TLSSocket | null = null;
    const handshake = (options: tls.ConnectionOptions) => {
      const socket = tls.connect({ ...options, ...tlsOptions(this.settings, this.host), socket: plain });
      // The 'keylog' events come after the server's certificate and before Node's verification
      // verdict: the moment to see a certificate that verification is about to reject.
      // (getPeerX509Certificate() here breaks Node's later host-name check; the DER copy does not.)
      socket.on('keylog', () => {
        const raw = socket.getPeerCertificate(true)?.raw;
        if (raw) seen = describe(new X509Certificate(raw));
      });
      socket.setTimeout(this.settings.operationTimeoutMs, () => socket.destroy(new Error(`TLS handshake timed out after ${this.settings.operationTimeoutMs} ms`)));
      socket.once('secureConnect', () => socket.setTimeout(0));
      secured = socket;
      return socket;
    };
    try {
      if (this.settings.tlsMode === 'starttls') {
        this.client = this.newClient({ createConnection: () => plain, createSecureConnection: ((o: tls.ConnectionOptions) => handshake(o)) as typeof tls.connect });
        await this.client.startTLS({});
      } else {
        const socket = handshake({});
        await new Promise<void>((resolve, reject) => {
          socket.once('secureConnect', () => {
            socket.removeListener('error', reject);
            resolve();
          });
          socket.once('error', reject);
        });
        this.keepQuiet(socket);
        this.client = this.newClient({ createSecureConnection: (() => socket) as unknown as typeof tls.connect });
      }
    } catch (e) {
      throw observe(e, seen);
    }
    const socket = secured as tls.TLSSocket | null;
    const cert = socket?.getPeerX509Certificate();
    if (!socket || !cert) throw observe(new Error('TLS handshake completed without a server certificate'), seen);
    return { protocol: socket.getProtocol() ?? 'TLS', certificate: describe(cert as X509Certificate) };
  }

  async bind(): Promise<void> {
    if (this.bound) throw new Error('a connection binds once: repeated failed binds lock service accounts out');
    this.bound = true;
    this.requireSocket();
    try {
      await this.requireClient().bind(this.settings.bindDn, this.settings.bindPassword);
    } catch (e) {
      throw observe(e);
    }
  }

  async checkBase(dn: string): Promise<void> {
    const client = this.requireClient();
    try {
      const { searchEntries } = await client.search(dn, { scope: 'base', filter: '(objectClass=*)', attributes: ['1.1'] });
      if (searchEntries.length > 0) return;
      throw new ProbeFailure({ ldapCode: 32, diagnostic: 'the base search returned no entry', ...(await baseDnFacts(client, dn)) });
    } catch (e) {
      if (e instanceof ProbeFailure) throw e;
      const failure = observe(e);
      if (failure.observation.ldapCode !== 32) throw failure;
      throw new ProbeFailure({ ...failure.observation, ...(await baseDnFacts(client, dn)) });
    }
  }

  async sampleUsers(baseDns: string[], limit: number, pageSize: number): Promise<{ entries: SampleEntry[]; pages: number; complete: boolean }> {
    const a = this.settings.attributes;
    const attributes = [...new Set([a.uniqueId, a.mail, a.proxyAddresses, a.displayName])].filter(isMapped);
    const entries: SampleEntry[] = [];
    let pages = 0;
    try {
      for (const base of baseDns) {
        const search = this.requireClient().searchPaginated(base, {
          scope: 'sub', filter: this.settings.userFilter, attributes, explicitBufferAttributes: attributes, paged: { pageSize },
        });
        for await (const page of search) {
          pages++;
          for (const entry of page.searchEntries) {
            if (entries.length === limit) return { entries, pages, complete: false };
            entries.push(toSample(entry));
          }
        }
      }
    } catch (e) {
      throw observe(e);
    }
    return { entries, pages, complete: true };
  }

  async countGroups(baseDns: string[], limit: number): Promise<{ count: number; complete: boolean }> {
    let count = 0;
    try {
      for (const base of baseDns) {
        const search = this.requireClient().searchPaginated(base, { scope: 'sub', filter: this.settings.groupFilter, attributes: ['1.1'], paged: { pageSize: Math.min(limit, 1000) } });
        for await (const page of search) {
          count += page.searchEntries.length;
          if (count >= limit) return { count: limit, complete: false };
        }
      }
    } catch (e) {
      throw observe(e);
    }
    return { count, complete: true };
  }

  readUsers(baseDns: string[], pageSize: number, narrow?: string) {
    const a = this.settings.attributes;
    const ad = this.settings.attributes.uniqueId.toLowerCase() === 'objectguid';
    const attributes = [...new Set([a.uniqueId, a.mail, a.proxyAddresses, a.displayName, ...(ad ? ['userAccountControl'] : [])])].filter(isMapped);
    return readEntries(this.requireClient(), baseDns, { filter: and(this.settings.userFilter, narrow), attributes, binary: this.binaryId() }, pageSize);
  }

  readGroups(baseDns: string[], pageSize: number, narrow?: string) {
    const a = this.settings.attributes;
    return readGroupEntries(this.requireClient(), baseDns, { filter: and(this.settings.groupFilter, narrow), attributes: [a.uniqueId, 'cn', a.member], binary: this.binaryId() }, a.member, pageSize);
  }

  readIds(baseDns: string[], which: 'users' | 'groups', pageSize: number) {
    const filter = which === 'users' ? this.settings.userFilter : this.settings.groupFilter;
    return readEntries(this.requireClient(), baseDns, { filter, attributes: [this.settings.attributes.uniqueId], binary: this.binaryId() }, pageSize);
  }

  readIdsUnder(base: string, filter: string, pageSize: number, showDeleted: boolean) {
    const controls = showDeleted ? [new Control(SHOW_DELETED, { critical: true })] : undefined;
    return readEntries(this.requireClient(), [base], { filter, attributes: [this.settings.attributes.uniqueId], binary: this.binaryId() }, pageSize, controls);
  }

  usnMark() {
    return readUsnMark(this.requireClient());
  }

  /** objectGUID comes back as bytes: a GUID may happen to be valid UTF-8. */
  private binaryId(): string[] {
    const id = this.settings.attributes.uniqueId;
    return id.toLowerCase() === 'objectguid' ? [id] : [];
  }

  async close(): Promise<void> {
    if (this.client?.isConnected) await this.client.unbind().catch(() => {});
    this.socket?.destroy();
  }

  private newClient(transport: { createConnection?: () => Socket; createSecureConnection?: typeof tls.connect }): Client {
    const scheme = this.secure_ ? 'ldaps' : 'ldap';
    // connectTimeout is a safety net only: ldapts gets a socket that is already open.
    return new Client({ url: `${scheme}://${this.host.includes(':') ? `[${this.host}]` : this.host}:${this.port}`, timeout: this.settings.operationTimeoutMs, connectTimeout: this.settings.connectTimeoutMs, strictDN: false, ...transport } as ConstructorParameters<typeof Client>[0]);
  }

  private requireSocket(): Socket {
    if (!this.socket) throw new Error('connect() first');
    // A socket the server already closed would leave ldapts waiting for a 'connect' that never comes.
    if (this.socket.destroyed) throw observe(this.idleError ?? new Error('Connection closed by the server before any request was sent'));
    return this.socket;
  }

  /**
   * Between stages nobody awaits the socket: an error then (a reset) must not become an unhandled
   * 'error' event. It is kept and reported by the next stage. ldapts replaces this listener with
   * its own once it takes the socket over.
   */
  private keepQuiet(socket: Socket): void {
    socket.on('error', (e) => (this.idleError ??= e));
  }

  private requireClient(): Client {
    if (!this.client) throw new Error('secure() first');
    return this.client;
  }
}
