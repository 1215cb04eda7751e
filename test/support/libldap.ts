import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** How libldap (ldap_str2dn, LDAPv3 format, through Debian's python3-ldap) read one DN. */
export type LibldapDn =
  | { rdns: [type: string, value: string, flags: number][][] }
  | { error: 'syntax' | 'not_utf8' | 'unencodable' };

/** libldap's flag on a value given as `#hexstring`. */
export const LDAP_AVA_BINARY = 2;

// The system python: python3-ldap is a Debian package, not in a pyenv or venv interpreter.
const PYTHON = process.env.DIRSYNC_SYSTEM_PYTHON ?? '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./libldap-str2dn.py', import.meta.url));

/** null when python3-ldap can be used; otherwise why not. */
export function libldapUnavailable(): string | null {
  const probe = spawnSync(PYTHON, ['-c', 'import ldap.dn'], { encoding: 'utf8' });
  if (probe.error) return `${PYTHON} cannot be run: ${probe.error.message}`;
  if (probe.status !== 0) return `${PYTHON} cannot import ldap.dn: ${probe.stderr.trim().split('\n').at(-1)}`;
  return null;
}

/** Parses every DN in one python process (JSON in on stdin, out on stdout). */
export function libldapParse(dns: string[]): LibldapDn[] {
  const run = spawnSync(PYTHON, [SCRIPT], { input: JSON.stringify(dns), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`libldap-str2dn.py failed (exit ${run.status}): ${run.stderr || run.error?.message}`);
  const parsed = JSON.parse(run.stdout) as LibldapDn[];
  if (parsed.length !== dns.length) throw new Error(`libldap-str2dn.py answered ${parsed.length} DNs for ${dns.length}`);
  return parsed;
}
