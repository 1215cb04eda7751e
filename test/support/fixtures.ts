/** A valid `integrations add` input; tests override what they are about. */
export function adInput(overrides: Record<string, unknown> = {}) {
  return {
    name: 'corp-ad',
    kind: 'active_directory' as const,
    urls: ['ldaps://dc1.corp.example:636'],
    bindDn: 'CN=svc-dirsync,OU=Service Accounts,DC=corp,DC=example',
    bindPassword: 'Tr0ub4dor&3-bind',
    baseDns: ['OU=Staff,DC=corp,DC=example'],
    ...overrides,
  };
}
