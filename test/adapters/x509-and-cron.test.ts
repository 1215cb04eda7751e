import { beforeAll, describe, expect, it } from 'vitest';
import { x509Pki } from '../../src/adapters/pki/x509.ts';
import { cronerPort } from '../../src/adapters/cron/cron.ts';
import { createTestCa, daysFromNow, issueServerCert, type TestCa } from '../harness/certs.ts';

describe('x509Pki', () => {
  let ca: TestCa;
  beforeAll(async () => {
    ca = await createTestCa('dirsync unit CA');
  });

  it('summarises each certificate of a bundle', async () => {
    const leaf = await issueServerCert(ca, { commonName: 'dc1.corp.example', notAfter: daysFromNow(20) });
    const infos = x509Pki.parseCertificates(`${ca.certPem}\n${leaf.certPem}`);
    expect(infos.map((i) => i.subject)).toEqual(['CN=dirsync unit CA', 'CN=dc1.corp.example']);
    expect(infos[1]!.issuer).toBe('CN=dirsync unit CA');
    expect(Math.abs(infos[1]!.notAfter.getTime() - daysFromNow(20).getTime())).toBeLessThan(86_400_000);
  });

  it('explains what is wrong with a file that is not a certificate bundle', () => {
    expect(() => x509Pki.parseCertificates('hello')).toThrow(/no PEM certificate found/);
    expect(() => x509Pki.parseCertificates(ca.keyPem)).toThrow('this is a private key, not a certificate');
    expect(() => x509Pki.parseCertificates('-----BEGIN CERTIFICATE-----\nnot base64 der\n-----END CERTIFICATE-----')).toThrow(/certificate 1 of 1 cannot be read/);
  });

  it('checks that a client key belongs to its certificate', async () => {
    const a = await issueServerCert(ca, { commonName: 'client-a' });
    const b = await issueServerCert(ca, { commonName: 'client-b' });
    expect(() => x509Pki.checkKeyPair(a.certPem, a.keyPem)).not.toThrow();
    expect(() => x509Pki.checkKeyPair(a.certPem, b.keyPem)).toThrow(/does not belong/);
    expect(() => x509Pki.checkKeyPair(a.certPem, 'garbage')).toThrow(/not a readable/);
  });
});

describe('cronerPort', () => {
  it('accepts the default schedule and computes runs in a time zone', () => {
    expect(cronerPort.check('0 8,13,23 * * *', 'UTC')).toBeNull();
    const runs = cronerPort.nextRuns('0 8,13,23 * * *', 'Europe/Berlin', 3, new Date('2026-07-01T00:00:00Z'));
    // Berlin is UTC+2 in summer: 08:00, 13:00, 23:00 local.
    expect(runs.map((d) => d.toISOString())).toEqual(['2026-07-01T06:00:00.000Z', '2026-07-01T11:00:00.000Z', '2026-07-01T21:00:00.000Z']);
  });

  it('explains an invalid expression and gives an example', () => {
    expect(cronerPort.check('every day', 'UTC')).toMatch(/not a valid schedule.*e\.g\. "0 8,13,23 \* \* \*"/);
    expect(cronerPort.check('0 25 * * *', 'UTC')).toMatch(/not a valid schedule/);
  });

  it('reports an expression that never fires', () => {
    expect(cronerPort.check('0 0 30 2 *', 'UTC')).toMatch(/never fires/);
  });
});
