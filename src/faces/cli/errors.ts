import type { ErrorCode, FieldIssue } from '../../core/errors.ts';

/** Exit codes: 0 success, 1 the command ran and reports a failure, 2 bad input or usage. */
export function exitCode(code: ErrorCode): 1 | 2 {
  switch (code) {
    case 'validation':
    case 'not_found':
    case 'conflict':
    case 'forbidden':
      return 2;
    case 'failed_precondition':
    case 'rate_limited':
    case 'unavailable':
    case 'internal':
      return 1;
  }
}

const FLAGS: Record<string, string> = {
  name: '<name>',
  login: '<login>',
  password: 'password (standard input or --password-env)',
  rename: '--rename',
  kind: '--kind',
  urls: '--url',
  tlsMode: '--tls',
  bindDn: '--bind-dn',
  bindPassword: '--password-env / --password-stdin',
  baseDns: '--base-dn',
  caPem: '--ca-file',
  clientCertPem: '--client-cert-file',
  clientKeyPem: '--client-key-file',
  userFilter: '--user-filter',
  groupFilter: '--group-filter',
  schedule: '--schedule',
  connectTimeoutMs: '--connect-timeout',
  operationTimeoutMs: '--operation-timeout',
  sampleSize: '--sample',
  acknowledgeDisabled: '--acknowledge-disabled',
  reason: '--reason',
  timeZone: '--time-zone',
  deletionThresholdCount: '--deletion-threshold-count',
  deletionThresholdPercent: '--deletion-threshold-percent',
  lingeringHours: '--lingering-hours',
  limit: '--limit',
  beforeId: '--before',
};

const ORDINAL = ['1st', '2nd', '3rd'];

/** The option a user typed for a command field, e.g. `baseDns.1` → `--base-dn (2nd)`. */
export function flagFor(field: string): string {
  const [head, sub] = field.split('.');
  if (head === 'attributes') return `--attr ${sub ?? 'KEY'}=…`;
  const flag = FLAGS[head!] ?? field;
  if (sub !== undefined && /^\d+$/.test(sub)) return `${flag} (${ORDINAL[Number(sub)] ?? `${Number(sub) + 1}th`})`;
  return flag;
}

export function issueLines(issues: FieldIssue[]): string[] {
  return issues.map((i) => `${flagFor(i.field)}: ${i.message}`);
}
