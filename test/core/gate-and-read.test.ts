import { describe, expect, it } from 'vitest';
import { decideGate, deletionThreshold } from '../../src/core/gate.ts';
import { checkRead } from '../../src/core/read-sanity.ts';

const account = { deletionThresholdCount: 500, deletionThresholdPercent: 10 };

describe('decideGate (the gate, in order)', () => {
  it('holds everything while any integration is disabled or in error, naming them', () => {
    expect(decideGate({ blockers: ['old-ad', 'lab'], unapproved: 1, activeUsers: 10_000, account })).toEqual({ action: 'hold', blockedBy: ['lab', 'old-ad'] });
  });
  it('asks for approval above the threshold: 500 objects or 10 % of active users, whichever is hit first', () => {
    expect(decideGate({ blockers: [], unapproved: 501, activeUsers: 100_000, account })).toEqual({ action: 'await_approval', threshold: 500 });
    expect(decideGate({ blockers: [], unapproved: 500, activeUsers: 100_000, account })).toEqual({ action: 'apply' });
    expect(decideGate({ blockers: [], unapproved: 11, activeUsers: 100, account })).toEqual({ action: 'await_approval', threshold: 10 });
    expect(decideGate({ blockers: [], unapproved: 10, activeUsers: 100, account })).toEqual({ action: 'apply' });
  });
  it('applies when nothing blocks and the batch is small', () => {
    expect(decideGate({ blockers: [], unapproved: 0, activeUsers: 0, account })).toEqual({ action: 'apply' });
    expect(deletionThreshold({ deletionThresholdCount: 3, deletionThresholdPercent: 50 }, 100)).toBe(3);
  });
});

describe('checkRead: never from a bad read', () => {
  it('zero users where the last good run had some is empty_result, even when a drop is accepted', () => {
    expect(checkRead({ read: 0, known: 12, account, acceptDrop: true })).toMatchObject({ reason: 'empty_result' });
    expect(checkRead({ read: 0, known: 0, account, acceptDrop: false })).toBeNull();
  });
  it('a drop beyond the threshold is sudden_drop unless an admin accepted it', () => {
    expect(checkRead({ read: 880, known: 1000, account, acceptDrop: false })).toMatchObject({ reason: 'sudden_drop', message: expect.stringContaining('120 fewer') });
    expect(checkRead({ read: 900, known: 1000, account, acceptDrop: false })).toBeNull();
    expect(checkRead({ read: 880, known: 1000, account, acceptDrop: true })).toBeNull();
    expect(checkRead({ read: 1500, known: 1000, account, acceptDrop: false })).toBeNull();
  });
});
