import { describe, expect, it } from 'vitest';
import { blockersOf, decideGate, decideRelease, deletionThreshold, type GateIntegration } from '../../src/core/gate.ts';
import { checkRead } from '../../src/core/read-sanity.ts';

const account = { deletionThresholdCount: 500, deletionThresholdPercent: 10 };
const search = { userFilter: '(objectClass=inetOrgPerson)', baseDns: ['ou=Staff,dc=example,dc=org', 'ou=Docs\\2FKB,dc=example,dc=org'] };
const integration = (name: string, state: GateIntegration['state'] = 'enabled'): GateIntegration => ({ id: `id-${name}`, name, state });
const healthy = [integration('corp-ad'), integration('lab')];
const batch = (unapproved: number, activeUsers: number) => ({ integrations: healthy, applying: 'id-corp-ad', unapproved, activeUsers, account });

describe('blockersOf: what holds every destructive change of the account', () => {
  it('names the disabled and errored integrations, sorted', () => {
    expect(blockersOf([integration('old-ad', 'disabled'), integration('corp-ad'), integration('lab', 'error')], null)).toEqual(['lab', 'old-ad']);
    expect(blockersOf(healthy, null)).toEqual([]);
  });
  it('the integration whose run is applying does not block, whatever its recorded state', () => {
    const errored = [integration('corp-ad', 'error'), integration('lab', 'error')];
    expect(blockersOf(errored, 'id-corp-ad')).toEqual(['lab']);
    expect(blockersOf(errored, null)).toEqual(['corp-ad', 'lab']);
  });
});

describe('decideGate (docs/architecture.md#the-gate, in order)', () => {
  it('holds everything while any other integration is disabled or in error, naming them', () => {
    const integrations = [integration('corp-ad', 'error'), integration('old-ad', 'disabled'), integration('lab', 'error')];
    expect(decideGate({ ...batch(1, 10_000), integrations })).toEqual({ action: 'hold', blockedBy: ['lab', 'old-ad'] });
  });
  it('asks for approval above the threshold: 500 objects or 10 % of active users, whichever is hit first', () => {
    expect(decideGate(batch(501, 100_000))).toEqual({ action: 'await_approval', threshold: 500 });
    expect(decideGate(batch(500, 100_000))).toEqual({ action: 'apply' });
    expect(decideGate(batch(11, 100))).toEqual({ action: 'await_approval', threshold: 10 });
    expect(decideGate(batch(10, 100))).toEqual({ action: 'apply' });
  });
  it("applies when nothing blocks and the batch is small, an errored integration's own good run included", () => {
    expect(decideGate(batch(0, 0))).toEqual({ action: 'apply' });
    expect(decideGate({ ...batch(1, 100), integrations: [integration('corp-ad', 'error'), integration('lab')] })).toEqual({ action: 'apply' });
    expect(deletionThreshold({ deletionThresholdCount: 3, deletionThresholdPercent: 50 }, 100)).toBe(3);
  });
});

describe('decideRelease: gate step 1 for approved changes and those of deleted integrations', () => {
  it('holds naming the blockers, else applies; no threshold applies', () => {
    expect(decideRelease({ integrations: [integration('lab'), integration('old-ad', 'disabled')], applying: null })).toEqual({ action: 'hold', blockedBy: ['old-ad'] });
    expect(decideRelease({ integrations: healthy, applying: null })).toEqual({ action: 'apply' });
  });
  it('after a good run, the integration that ran does not hold what it no longer blocks', () => {
    const integrations = [integration('lab'), integration('flaky', 'error')];
    expect(decideRelease({ integrations, applying: 'id-flaky' })).toEqual({ action: 'apply' });
  });
});

describe('checkRead: never from a bad read', () => {
  it('zero users where the last good run had some is empty_result, even when a drop is accepted', () => {
    expect(checkRead({ search, read: 0, known: 12, account, acceptDrop: true })).toMatchObject({ reason: 'empty_result' });
    expect(checkRead({ search, read: 0, known: 0, account, acceptDrop: false })).toBeNull();
  });
  it('empty_result names the filter and base DNs, as the connection test does', () => {
    expect(checkRead({ search, read: 0, known: 12, account, acceptDrop: false })!.message).toBe(
      'The directory returned no users, where the last good sync had 12. No entry matches the user filter (objectClass=inetOrgPerson) under ou=Staff,dc=example,dc=org; ou=Docs\\2FKB,dc=example,dc=org.',
    );
  });
  it('a drop beyond the threshold is sudden_drop unless an admin accepted it', () => {
    expect(checkRead({ search, read: 880, known: 1000, account, acceptDrop: false })).toMatchObject({ reason: 'sudden_drop', message: expect.stringContaining('120 fewer') });
    expect(checkRead({ search, read: 900, known: 1000, account, acceptDrop: false })).toBeNull();
    expect(checkRead({ search, read: 880, known: 1000, account, acceptDrop: true })).toBeNull();
    expect(checkRead({ search, read: 1500, known: 1000, account, acceptDrop: false })).toBeNull();
  });
});
