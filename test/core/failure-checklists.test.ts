import { describe, expect, it } from 'vitest';
import { oneLine } from '../../src/core/classify.ts';
import { failureReport } from '../../src/core/connection-test.ts';
import { checklistFor, FAILURE_REASONS } from '../../src/core/failures.ts';
import { ProbeFailure } from '../../src/core/probe.ts';

const MAIL_LINE = /proxy-address|proxyAddresses/;

describe('checklists lead with the reason', () => {
  it('account_disabled leads with re-enabling the service account', () => {
    expect(checklistFor('account_disabled')[0]).toMatch(/^Re-enable the service account/);
  });

  it('the mail / proxy-address line is only where attributes are concerned', () => {
    expect(checklistFor('base_dn_not_found').at(-1)).not.toMatch(MAIL_LINE);
    for (const reason of Object.values(FAILURE_REASONS).flat()) {
      if (reason !== 'missing_mail_attributes') expect(checklistFor(reason).join('\n'), reason).not.toMatch(MAIL_LINE);
    }
    expect(checklistFor('missing_mail_attributes')[0]).toMatch(MAIL_LINE);
  });

  it("tls_required names the fix in dirsync's own terms", () => {
    const [first] = checklistFor('tls_required');
    expect(first).toContain('--tls starttls');
    expect(first).toContain('ldaps://');
  });

  it('a directory that refuses StartTLS is told apart from a broken handshake, with the ways out', () => {
    const report = failureReport('tls', new ProbeFailure({ ldapCode: 2, diagnostic: 'unsupported extended operation' }), 5, 15_000, { host: '127.0.0.1', port: 389 }, []);
    expect(report).toMatchObject({ class: 'tls', reason: 'starttls_unsupported' });
    expect(report.message).toBe('The directory refused StartTLS: it has no TLS set up on this port (no certificate configured). 127.0.0.1 port 389: unsupported extended operation.');
    const [first] = checklistFor('starttls_unsupported');
    expect(first).toContain('olcTLSCertificateFile');
    expect(first).toContain('ldaps://');
    expect(first).toContain('--tls none');
    expect(checklistFor('tls_handshake_failed')[0]).not.toContain('--tls none');
  });
});

describe('diagnostics are one line', () => {
  it('a socket error with a line break is joined, in the diagnostic and in the message', () => {
    const raw = 'Socket error. Message type: ExtendedRequest (0x77)\nread ECONNRESET';
    const report = failureReport('tls', new ProbeFailure({ message: raw, diagnostic: raw }), 5, 15_000, { host: 'dc1.example', port: 389 }, []);
    expect(report.reason).toBe('tls_handshake_failed');
    expect(report.diagnostic).toBe('Socket error. Message type: ExtendedRequest (0x77); read ECONNRESET');
    expect(report.message).not.toMatch(/[\r\n]/);
    expect(report.message).toContain('(0x77); read ECONNRESET');
  });

  it('CRLF, blank lines, tabs and NULs never survive', () => {
    expect(oneLine('first\r\n\r\n  second\tthird\u0000\n')).toBe('first; second third');
    expect(oneLine('\nonly\n')).toBe('only');
  });
});
