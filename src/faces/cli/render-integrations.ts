import type { IntegrationView } from '../../commands/integration/internal/view.ts';
import type { StateChangeResult } from '../../commands/integration/internal/set-state.ts';
import type { ShownWatermark } from '../../commands/integration/show.ts';
import { watermarkWords } from '../../presenters/words.ts';
import { fields, table, when } from './render.ts';

type Listed = IntegrationView & {
  lastRun: { run: number; status: string; finishedAt: string | null; failure: { class: string; reason: string } | null } | null;
  nextRun: string | null;
  held: number;
  awaitingApproval: number;
};

export function renderList(items: Listed[]): string {
  if (items.length === 0) return 'No integrations yet. Add one with: dirsync integrations add --help\n';
  const last = (r: Listed['lastRun']) => (!r ? 'never' : `#${r.run} ${r.status}${r.failure ? ` (${r.failure.reason})` : ''}${r.finishedAt ? ` ${when(r.finishedAt)}` : ''}`);
  return table(
    ['NAME', 'KIND', 'STATE', 'SINCE', 'LAST RUN', 'NEXT RUN', 'HELD', 'AWAITING'],
    items.map((i) => [i.name, i.kind, i.state, when(i.stateChangedAt), last(i.lastRun), i.nextRun ? when(i.nextRun) : '—', String(i.held), String(i.awaitingApproval)]),
  );
}

interface LastTest {
  testedAt: string;
  actor: string;
  ok: boolean;
  failure: { class: string; reason: string; stage: string } | null;
}

function lastTestLine(t: LastTest | null | undefined): string {
  if (!t) return 'never (dirsync test <name>)';
  const verdict = t.ok ? 'passed' : `failed at ${t.failure!.stage}: ${t.failure!.class}/${t.failure!.reason}`;
  return `${verdict}, ${when(t.testedAt)} by ${t.actor}`;
}

export function renderIntegration(i: IntegrationView & { nextRuns?: string[]; timeZone?: string; lastTest?: LastTest | null; watermark?: ShownWatermark | null }): string {
  const cert = (c: { subject: string; notAfter: string }) => `${c.subject} (valid until ${c.notAfter.slice(0, 10)})`;
  const attrs = Object.entries(i.attributes).map(([k, v]) => `${k}=${v === '' ? '(none)' : v}`).join(' ');
  return (
    `${i.name} (${i.kind})\n` +
    fields([
      ['state', `${i.state} since ${when(i.stateChangedAt)}${i.stateReason ? ` — ${i.stateReason}` : ''}`],
      ['servers', i.urls],
      ['tls', i.tlsMode],
      ['ca bundle', i.caCertificates.map(cert)],
      ['client cert', i.clientCertificate ? cert(i.clientCertificate) : '—'],
      ['bind dn', i.bindDn],
      ['bind password', i.bindPasswordSet ? 'set' : 'not set'],
      ['base dns', i.baseDns],
      ['user filter', i.userFilter],
      ['group filter', i.groupFilter],
      ['attributes', attrs],
      ['schedule', `${i.schedule}${i.timeZone ? ` (${i.timeZone})` : ''}`],
      ['delta schedule', i.deltaSchedule],
      ...(i.watermark !== undefined ? [['watermark', watermarkWords(i.watermark, when)] as [string, string]] : []),
      ['timeouts', `connect ${i.connectTimeoutMs / 1000} s, operation ${i.operationTimeoutMs / 1000} s`],
      ['last test', lastTestLine(i.lastTest)],
      ...(i.nextRuns && i.nextRuns.length > 0 ? [['next runs', i.nextRuns.map(when)] as [string, string[]]] : []),
    ]) +
    renderWarnings(i.warnings)
  );
}

export function renderWarnings(warnings: string[]): string {
  return warnings.map((w) => `warning: ${w}\n`).join('');
}

export function renderStateChange(result: StateChangeResult, verb: 'enabled' | 'disabled'): string {
  const { integration: i } = result;
  if (!result.changed) return `${i.name}: nothing to do, ${result.note ?? `it is ${i.state}`}.\n`;
  const held =
    verb === 'disabled'
      ? 'While it is disabled, destructive changes of every integration in this account are held.\n'
      : '';
  return `${i.name} ${verb} (was ${result.previousState}).\n${held}`;
}

