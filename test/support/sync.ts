import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Attribute, Change, Client } from 'ldapts';
import { afterEach } from 'vitest';
import { runOnce } from '../../src/faces/jobs/worker.ts';
import { addIntegration } from '../../src/commands/integration/add.ts';
import type { CommandContext } from '../../src/commands/context.ts';
import { requestSync } from '../../src/commands/sync/request.ts';
import type { Store } from '../../src/core/ports.ts';
import type { RunRecord } from '../../src/core/sync-ports.ts';
import { testAccount } from './context.ts';
import type { SlapdInfo } from '../harness/directory-info.ts';
import { OPENLDAP_FIXTURE, slapdFixtureInfo } from '../harness/slapd-fixture.ts';
import { startSlapd, type SlapdInstance } from '../harness/slapd.ts';

/** A slapd of the test's own, seeded with the fixture (and extra LDIF): tests change it freely. */
export async function ownSlapd(extraLdif = ''): Promise<{ slapd: SlapdInstance; info: SlapdInfo; admin: AdminClient }> {
  const seed: string[] = [...OPENLDAP_FIXTURE.seedLdif];
  if (extraLdif) {
    const file = join(mkdtempSync(join(tmpdir(), 'dirsync-seed-')), 'extra.ldif');
    writeFileSync(file, extraLdif);
    seed.push(file);
  }
  // Like a real deployment: the service account may page through more than slapd's default 500.
  const slapd = await startSlapd({ seedLdif: seed, extraConfig: 'limits dn.exact="cn=dirsync-svc,ou=Services,dc=example,dc=org" size=unlimited size.prtotal=unlimited' });
  const info = slapdFixtureInfo(slapd.url, slapd.port);
  return { slapd, info, admin: adminClient(slapd.url, info) };
}

export type AdminClient = ReturnType<typeof adminClient>;

/** Directory changes made the way an admin would, over LDAP as the rootdn. */
function adminClient(url: string, info: SlapdInfo) {
  const withClient = async <T>(fn: (c: Client) => Promise<T>) => {
    const c = new Client({ url });
    await c.bind(info.admin.dn, info.admin.password);
    try {
      return await fn(c);
    } finally {
      await c.unbind();
    }
  };
  return {
    del: (dn: string) => withClient((c) => c.del(dn)),
    replace: (dn: string, attribute: string, values: string[]) =>
      withClient((c) => c.modify(dn, new Change({ operation: 'replace', modification: new Attribute({ type: attribute, values }) }))),
    addValue: (dn: string, attribute: string, value: string) =>
      withClient((c) => c.modify(dn, new Change({ operation: 'add', modification: new Attribute({ type: attribute, values: [value] }) }))),
    removeValue: (dn: string, attribute: string, value: string) =>
      withClient((c) => c.modify(dn, new Change({ operation: 'delete', modification: new Attribute({ type: attribute, values: [value] }) }))),
    move: (dn: string, newDn: string) => withClient((c) => c.modifyDN(dn, newDn)),
    add: (dn: string, attributes: Record<string, string | string[]>) => withClient((c) => c.add(dn, attributes)),
  };
}

/** `count` more people, for reads that span several pages. */
export function extraPeople(count: number, ou = 'ou=People,dc=example,dc=org'): string {
  return Array.from({ length: count }, (_, i) => {
    const uid = `bulk${String(i).padStart(5, '0')}`;
    return `dn: uid=${uid},${ou}\nobjectClass: inetOrgPerson\nobjectClass: dirsyncMailRecipient\nuid: ${uid}\ncn: Bulk ${i}\nsn: ${i}\nmail: ${uid}@example.org\nproxyAddresses: SMTP:${uid}@example.org\n`;
  }).join('\n');
}

export async function addLab(ctx: CommandContext, info: SlapdInfo, name = 'lab', overrides: Record<string, unknown> = {}) {
  return addIntegration({
    ctx,
    input: { name, kind: 'openldap', urls: [info.url], tlsMode: 'none', bindDn: info.service.dn, bindPassword: info.service.password, baseDns: [info.baseDn], ...overrides },
  });
}

/** Requests a sync and runs it in this process, as the CLI does; returns the finished run. */
export async function syncNow(ctx: CommandContext, name: string, opts: { acceptDrop?: boolean; dryRun?: boolean; owner?: string; progress?: CommandContext['progress']; mode?: 'full' | 'delta' } = {}): Promise<RunRecord> {
  const { runs } = await requestSync({ ctx, input: { name, acceptDrop: opts.acceptDrop ?? false, dryRun: opts.dryRun ?? false, full: opts.mode === 'full', delta: opts.mode === 'delta' } });
  const id = runs[0]!.run;
  await runOnce({ deps: ctx, owner: opts.owner ?? 'test-worker', leaseMs: 30_000, ...(opts.progress && { progress: opts.progress }) }, [id]);
  return (await ctx.store.runs.get(id))!;
}

/**
 * Per test: a slapd of its own (stopped after the test), an account, and the "lab" integration
 * reading it. Call inside a describe that has a database.
 */
export function useLab(store: () => Store) {
  const servers: SlapdInstance[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.stop()));
  });
  return async (extraLdif = '') => {
    const dir = await ownSlapd(extraLdif);
    servers.push(dir.slapd);
    const t = await testAccount(store());
    await addLab(t.as('admin'), dir.info);
    const integration = (await store().integrations.findByName(t.account.id, 'lab'))!;
    return { ...dir, ...t, integration };
  };
}
