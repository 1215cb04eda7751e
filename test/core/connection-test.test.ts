import { describe, expect, it } from 'vitest';
import { runConnectionTest } from '../../src/core/connection-test.ts';
import { KIND_DEFAULTS } from '../../src/core/integration.ts';
import { ProbeFailure, type ConnectionProbe, type ProbeSettings } from '../../src/core/probe.ts';

const SECRET = 'hunter2-but-longer';
const settings = (url: string): ProbeSettings => ({
  url, tlsMode: 'ldaps', caPem: null, clientCertPem: null, clientKeyPem: null, bindDn: 'cn=svc,dc=x', bindPassword: SECRET,
  userFilter: '(objectClass=person)', groupFilter: '(objectClass=group)', attributes: KIND_DEFAULTS.openldap.attributes,
  connectTimeoutMs: 5000, operationTimeoutMs: 15000,
});

/** A scripted probe: the runner's own logic (order, skipping, redaction), without a network. */
function probe(overrides: Partial<ConnectionProbe>): ConnectionProbe {
  return {
    host: 'dc1.example', port: 636,
    resolve: async () => ['192.0.2.1'],
    connect: async (a) => a[0]!,
    secure: async () => null,
    bind: async () => {},
    checkBase: async () => {},
    sampleUsers: async () => ({ entries: [], pages: 1, complete: true }),
    countGroups: async () => ({ count: 0, complete: true }),
    readUsers: async function* () {},
    readGroups: async function* () {},
    close: async () => {},
    ...overrides,
  };
}

const run = (make: (s: ProbeSettings) => ConnectionProbe, urls = ['ldaps://dc1.example']) =>
  runConnectionTest(
    { integration: 'x', servers: urls.map(settings), baseDns: ['dc=x'], sampleSize: 10 },
    { connector: { probe: make }, clock: () => 0, now: () => new Date('2026-11-20T00:00:00Z') },
  );

describe('runConnectionTest', () => {
  it('redacts the bind password from every message, diagnostic and detail', async () => {
    const report = await run(() => probe({ bind: async () => { throw new ProbeFailure({ ldapCode: 49, diagnostic: `bad password ${SECRET}`, message: `LDAP result 49: bad password ${SECRET}` }); } }));
    expect(report.failure!.reason).toBe('invalid_credentials');
    expect(JSON.stringify(report)).not.toContain(SECRET);
    expect(report.failure!.diagnostic).toContain('[redacted]');
  });

  it('skips every stage after the failing one, naming it', async () => {
    const report = await run(() => probe({ checkBase: async () => { throw new ProbeFailure({ ldapCode: 50 }); } }));
    expect(report.stages.map((s) => `${s.name}:${s.status}`)).toEqual([
      'dns:pass', 'tcp:pass', 'tls:warn', 'bind:pass', 'base_dn:fail', 'search:skipped', 'attributes:skipped', 'encoding:skipped',
    ]);
    expect(report.stages.at(-1)!.detail).toBe('skipped: base_dn failed');
  });

  it('tests the second server when the first is unreachable, and says so', async () => {
    const report = await run(
      (s) => probe({ host: new URL(s.url).hostname, connect: async (a) => { if (s.url.includes('dc1')) throw new ProbeFailure({ errorCode: 'ECONNREFUSED' }); return a[0]!; } }),
      ['ldaps://dc1.example', 'ldaps://dc2.example'],
    );
    expect(report.failure?.reason).toBe('empty_result');
    expect(report.stages[0]!.detail).toBe('dc2.example → 192.0.2.1');
    expect(report.stages[1]!.detail).toBe('connected to 192.0.2.1 port 636 (after ldaps://dc1.example: connection refused)');
  });

  it('lets a programming error through instead of calling it a directory fault', async () => {
    await expect(run(() => probe({ bind: async () => { throw new TypeError('bug'); } }))).rejects.toThrow('bug');
  });
});
