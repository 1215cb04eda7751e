// Seeds the Samba AD DC over LDAPS as Administrator (one connection) instead of samba-tool,
// which costs a Python start-up (~1 s) per call. Setting the 19 passwords dominates (~35 ms
// each: Samba derives the Kerberos keys), which is why the seeded domain is cached as a template.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Attribute, Change, Client } from 'ldapts';
import type { SambaInfo } from './directory-info.ts';
import { first, hasObjectClass, values } from './ldif.ts';
import { SAMBA_FIXTURE, sambaSeedEntries } from './samba-fixture.ts';

/** Changes whenever the seed, its parser or this seeder changes: the cached template's key. */
export function sambaSeedKey(): string {
  const hash = createHash('sha256').update(readFileSync(SAMBA_FIXTURE.seedLdif));
  for (const file of [import.meta.url, new URL('./ldif.ts', import.meta.url)]) hash.update(readFileSync(new URL(file)));
  return hash.digest('hex');
}

/** AD wants passwords as the UTF-16LE encoding of the password in double quotes. */
function unicodePwd(password: string): Buffer {
  return Buffer.from(`"${password}"`, 'utf16le');
}

/** The AD bind sub-code (`data 52e,` → '52e'); the DSID and `v…` parts vary by build. */
export function adDataCode(err: unknown): string | null {
  return /data ([0-9a-f]+),/.exec(err instanceof Error ? err.message : String(err))?.[1] ?? null;
}

function client(info: SambaInfo): Client {
  return new Client({ url: info.ldapsUrl, tlsOptions: { ca: info.caPem }, connectTimeout: 3_000, timeout: 10_000 });
}

/** The sub-code a bind gets, or 'ok' when it succeeds. */
export async function bindOutcome(info: SambaInfo, dn: string, password: string): Promise<string> {
  const c = client(info);
  try {
    await c.bind(dn, password);
    return 'ok';
  } catch (err) {
    const code = adDataCode(err);
    if (code) return code;
    throw err;
  } finally {
    await c.unbind().catch(() => {});
  }
}

// Set after the entry exists: AD resets pwdLastSet when the password is set.
const AFTER_ADD = new Set(['userpassword', 'pwdlastset']);

export async function seedSamba(info: SambaInfo): Promise<void> {
  const entries = sambaSeedEntries();
  const admin = client(info);
  try {
    await admin.bind(info.admin.dn, info.admin.password);
    for (const entry of entries) {
      const attributes = Object.entries(entry.attributes)
        .filter(([name]) => !AFTER_ADD.has(name.toLowerCase()))
        .map(([type, vals]) => new Attribute({ type, values: vals }));
      const password = first(entry, 'userPassword');
      if (password) attributes.push(new Attribute({ type: 'unicodePwd', values: [unicodePwd(password)] }));
      await admin.add(entry.dn, attributes).catch((err: Error) => {
        throw new Error(`adding ${entry.dn}: ${err.message}`);
      });
      const pwdLastSet = first(entry, 'pwdLastSet');
      if (pwdLastSet !== undefined) {
        await admin.modify(entry.dn, new Change({
          operation: 'replace',
          modification: new Attribute({ type: 'pwdLastSet', values: [pwdLastSet] }),
        }));
      }
    }
  } finally {
    await admin.unbind().catch(() => {});
  }
}

/**
 * Locks out every account a lockout PSO applies to, with exactly threshold bad binds. Done on
 * every run, not in the template: a lockout ends after the PSO's lockout duration.
 */
export async function lockOutAccounts(info: SambaInfo): Promise<void> {
  const entries = sambaSeedEntries();
  for (const pso of entries.filter((e) => hasObjectClass(e, 'msDS-PasswordSettings'))) {
    const threshold = Number(first(pso, 'msDS-LockoutThreshold') ?? 0);
    for (const dn of values(pso, 'msDS-PSOAppliesTo')) {
      for (let i = 0; i < threshold; i++) {
        const outcome = await bindOutcome(info, dn, 'Not-The-Password-1!');
        if (outcome !== '52e' && outcome !== '775') throw new Error(`bad bind ${i + 1} for ${dn} gave ${outcome}`);
      }
    }
  }
}

/** Checks the fixture behaves as DirectoryInfo promises; throws listing every mismatch. */
export async function verifySambaFixture(info: SambaInfo): Promise<void> {
  const checks = [
    { what: 'service account', dn: info.service.userPrincipalName, password: info.service.password, want: 'ok' },
    { what: 'wrong password', dn: info.service.dn, password: 'Not-The-Password-1!', want: '52e' },
    ...Object.entries(info.failures).map(([kind, a]) => ({ what: kind, dn: a.dn, password: a.password, want: a.dataCode })),
  ];
  const outcomes = await Promise.all(checks.map((c) => bindOutcome(info, c.dn, c.password)));
  const wrong = checks
    .map((c, i) => ({ ...c, got: outcomes[i] }))
    .filter((c) => c.got !== c.want)
    .map((c) => `${c.what}: wanted ${c.want}, got ${c.got}`);
  if (wrong.length > 0) throw new Error(`Samba fixture does not behave as expected:\n  ${wrong.join('\n  ')}`);
}
