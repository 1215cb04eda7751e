import { describe, expect, it } from 'vitest';
import { renderAlertDestination, renderAlertStatus, renderRoleGranted, renderRoleRevoked, renderRoles } from '../../../../src/faces/teams/render/result-admin.ts';
import { hoursAgo, iso } from '../../../support/chat-results.ts';
import { allText, readable, shown, textBlocks, withinLimits } from './card-limits.ts';

const ADMIN = 'teams:00000000-0000-0000-0000-00000000ad01';

describe('alert destination', () => {
  it('says alerts come to this conversation, or that they are off', () => {
    const here = withinLimits(renderAlertDestination({ platform: 'teams', mode: 'here', channel: '19:abc@thread.tacv2' }));
    expect(here.summary).toBe('Alerts for this account will be posted in this conversation');
    expect(readable(here)).toContain('lingering disabled integrations and expiring certificates');
    expect(readable(here)).toContain('@dirsync alerts off stops them.');
    expect(withinLimits(renderAlertDestination({ platform: 'teams', mode: 'off', channel: null })).summary).toBe('Alerts are off on Teams');
  });
  it('says where alerts go now, who set it, or that nothing is set here', () => {
    const set = readable(withinLimits(renderAlertStatus({ platform: 'teams', stored: true, channel: '19:abc@thread.tacv2', setBy: ADMIN, setAt: iso(hoursAgo(3)) }, { names: { [ADMIN]: 'Ada' } })));
    expect(set).toContain('Alerts for this account go to the Teams conversation 19:abc@thread.tacv2 (set by Ada ⌚)');
    expect(readable(withinLimits(renderAlertStatus({ platform: 'teams', stored: true, channel: null, setBy: 'cli:root', setAt: iso(hoursAgo(3)) })))).toContain('Alerts are off on Teams (set by root (CLI) ⌚)');
    expect(readable(withinLimits(renderAlertStatus({ platform: 'teams', stored: false, channel: null, setBy: null, setAt: null })))).toContain('Alert channel on Teams: not set here');
  });
});

describe('roles', () => {
  it('lists people and roles with who granted it and when, admins first, by name when known', () => {
    const message = withinLimits(renderRoles({ bindings: [
      { identity: 'teams:aad-<1>', role: 'operator', grantedBy: ADMIN, grantedAt: iso(hoursAgo(2)) },
      { identity: ADMIN, role: 'admin', grantedBy: 'cli:root', grantedAt: iso(hoursAgo(20)) },
      { identity: 'slack:U0OPS', role: 'viewer', grantedBy: 'config:DIRSYNC_ADMINS', grantedAt: iso(hoursAgo(20)) },
    ] }, { names: { [ADMIN]: 'Ada' } }));
    const [title, first, second, third] = textBlocks(message).map(shown);
    expect(title).toBe('Roles in this account (anyone not listed is a viewer)');
    expect(first).toBe('• Ada — admin (granted by root (CLI) ⌚)');
    expect(second).toBe('• a Teams user (…ad-<1>) — operator (granted by Ada ⌚)');
    expect(third).toBe('• Slack user U0OPS — viewer (granted by dirsync ⌚)');
  });
  it('explains that everyone is a viewer, and how to grant, when no role is granted', () => {
    const text = readable(withinLimits(renderRoles({ bindings: [] })));
    expect(text).toContain('everyone in chat and on the dashboard is a viewer');
    expect(text).toContain('@dirsync roles grant @person operator');
    expect(text).toContain('dirsync roles grant teams:<aad object id> admin');
  });
  it('confirms grants and revocations', () => {
    const granted = withinLimits(renderRoleGranted({ identity: ADMIN, role: 'operator', previous: null }, { names: { [ADMIN]: 'Ada' } }));
    expect(textBlocks(granted)[0]).toBe('✅ Ada is now **operator** (was a viewer by default).');
    expect(granted.summary).toBe('Ada is now operator (was a viewer by default)');
    expect(allText(withinLimits(renderRoleGranted({ identity: ADMIN, role: 'admin', previous: 'operator' })))).toContain('(was operator)');
    expect(textBlocks(withinLimits(renderRoleRevoked({ identity: 'web:bob', previous: 'admin' })))[0]).toBe('✅ bob (dashboard) no longer has the admin role: a viewer now, like everyone without a role.');
  });
});
