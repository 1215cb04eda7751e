import { describe, expect, it } from 'vitest';
import { ALERT_KINDS_TEXT, CERTIFICATE_ADVICE, ERROR_TITLE, NOTHING_DESTRUCTIVE, ROLES_FOOTER } from '../../../../src/presenters/words.ts';
import * as slackAlert from '../../../../src/faces/slack/render/alert.ts';
import * as slackApproval from '../../../../src/faces/slack/render/approval.ts';
import * as slackResult from '../../../../src/faces/slack/render/result.ts';
import * as slackRun from '../../../../src/faces/slack/render/run.ts';
import * as teamsAlert from '../../../../src/faces/teams/render/alert.ts';
import * as teamsApproval from '../../../../src/faces/teams/render/approval.ts';
import * as teamsResult from '../../../../src/faces/teams/render/result.ts';
import * as teamsRun from '../../../../src/faces/teams/render/run.ts';
import type { SlackMessage } from '../../../../src/faces/slack/actions.ts';
import type { ChatResult } from '../../../../src/faces/chat/run-chat-command.ts';
import { CommandError, ERROR_CODES } from '../../../../src/core/errors.ts';
import { alert, approval, byKind, certificateDetail, failureDetail, hoursAgo, iso, lingeringDetail, listed, now, runFailure, runView, testReport } from '../../../support/chat-results.ts';
import { allText as slackText } from '../../slack/render/slack-limits.ts';
import { readable, withinLimits } from './card-limits.ts';
import type { TeamsMessage } from '../../../../src/faces/teams/verbs.ts';

// The facts of a message: every number (counts, ids, days, dates), once Slack's tokens are gone.
const unslack = (text: string) => text.replace(/<!date\^\d+\^[^|]*\|[^>]*>/g, '⌚').replace(/<[@#][A-Z0-9]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const facts = (text: string) => new Set(text.match(/\d[\d,.]*\d|\d/g) ?? []);
const slack = (m: SlackMessage) => unslack(slackText(m));
const teams = (m: TeamsMessage) => `${m.summary}\n${readable(withinLimits(m))}`;

function expectSameFacts(s: SlackMessage | null, t: TeamsMessage | null, what: string): void {
  expect(t === null, what).toBe(s === null);
  if (!s || !t) return;
  const missing = [...facts(slack(s))].filter((f) => !facts(teams(t)).has(f));
  expect(missing, `${what}: facts in Slack but not in Teams`).toEqual([]);
}

const RESULTS: ChatResult[] = [
  { verb: 'list', integrations: [listed(), listed({ name: 'lab', state: 'error', held: 3, awaitingApproval: 640 })] },
  { verb: 'test', report: testReport({ ok: false, failure: { ...runFailure(), stage: 'bind' } }) },
  { verb: 'sync', all: true, runs: [{ integration: 'corp-ad', run: 42, joined: false }, { integration: 'hq', run: 40, joined: true }] },
  { verb: 'delete', delete: { request: approval(), created: false, integration: 'corp-old' } },
  { verb: 'pending', name: null, pending: { changes: [{ integration: 'hq', status: 'held', total: 37, byKind: byKind({ remove_membership: 37 }), since: iso(hoursAgo(48)), blockedBy: [{ name: 'corp-old', state: 'disabled', since: iso(hoursAgo(216)), hours: 216 }], approvalRequest: null }], approvals: [], lingering: [], certificates: [{ integration: 'corp-ad', subject: 'CN=dc1', notAfter: '2026-11-25T00:00:00.000Z', daysLeft: 4 }] } },
  { verb: 'history', history: { integration: 'corp-ad', runs: [runView(), runView({ run: 41, status: 'failed', counts: null, destructive: null, failure: runFailure() })] } },
  { verb: 'approve', decision: { request: approval({ status: 'approved', decidedBy: 'cli:alice', decidedAt: hoursAgo(0) }), integration: 'corp-old', applied: byKind({ delete_user: 1200 }), blockedBy: ['lab'] } },
  { verb: 'roles', roles: { bindings: [{ identity: 'cli:alice', role: 'admin', grantedBy: 'cli:root', grantedAt: iso(hoursAgo(10)) }] } },
];

describe('Slack and Teams say the same things', () => {
  it('with the same numbers in every command reply', () => {
    for (const result of RESULTS) expectSameFacts(slackResult.renderResult(result), teamsResult.renderResult(result), result.verb);
    for (const code of ERROR_CODES) expectSameFacts(slackResult.renderError(new CommandError(code, 'x 12')), teamsResult.renderError(new CommandError(code, 'x 12')), code);
  });

  it('with the same numbers in alerts, approvals, runs and their thread lines', () => {
    const alerts = [alert(failureDetail()), alert(lingeringDetail(), { snoozedUntil: hoursAgo(-48), snoozedBy: 'cli:bob' }), alert(certificateDetail(12)), alert(failureDetail(), { status: 'resolved', resolvedAt: hoursAgo(0), resolution: 'sync #43 succeeded' })];
    for (const a of alerts) {
      expectSameFacts(slackAlert.renderAlert(a, { now }), teamsAlert.renderAlert(a, { now }), `alert ${a.kind}`);
      for (const event of ['repeated', 'reminder', 'snoozed', 'resolved', 'opened'] as const) expectSameFacts(slackAlert.renderAlertThread(a, event, { run: 44 }), teamsAlert.renderAlertThread(a, event, { run: 44 }), event);
    }
    for (const r of [approval(), approval({ status: 'rejected', decidedBy: 'cli:alice', decidedAt: hoursAgo(1), note: 'no 3' }), approval({ kind: 'apply_batch', runId: 40 })]) {
      expectSameFacts(slackApproval.renderApproval(r, { now }), teamsApproval.renderApproval(r, { now }), `approval ${r.status}`);
      for (const event of ['created', 'updated', 'decided'] as const) expectSameFacts(slackApproval.renderApprovalThread(r, event, {}), teamsApproval.renderApprovalThread(r, event, {}), event);
    }
    const runs = [runView({ destructive: { applied: 2, held: 5, awaitingApproval: 640, byKind: { applied: byKind({ remove_membership: 2 }), held: byKind({ delete_user: 5 }), awaitingApproval: byKind({ delete_user: 640 }) } }, blockedBy: ['lab'], approvalRequest: 12 }), runView({ status: 'failed', counts: null, destructive: null, failure: runFailure() })];
    for (const r of runs) expectSameFacts(slackRun.renderRun(r), teamsRun.renderRun(r), `run ${r.status}`);
  });

  it('with the shared wording from chat/words.ts in both faces', () => {
    for (const code of ERROR_CODES) expect(slackText(slackResult.renderError(new CommandError(code, 'x')))).toContain(ERROR_TITLE[code]);
    expect(slackText(slackResult.renderHelp())).toContain(ROLES_FOOTER);
    expect(slackText(slackResult.renderResult({ verb: 'alerts', destination: { platform: 'slack', mode: 'here', channel: 'C1' } }))).toContain(ALERT_KINDS_TEXT);
    expect(slackText(slackRun.renderRun(runView({ status: 'failed', counts: null, destructive: null, failure: runFailure() })))).toContain(NOTHING_DESTRUCTIVE);
    expect(slackText(slackAlert.renderAlert(alert(certificateDetail()), { now }))).toContain(CERTIFICATE_ADVICE);
  });
});
