import { describe, expect, it } from 'vitest';
import { renderAlertDestination, renderAlertStatus, renderRoleGranted, renderRoleRevoked, renderRoles } from '../../../../src/faces/slack/render/result-admin.ts';
import { hoursAgo, iso } from '../../../support/chat-results.ts';
import { allText, sectionTexts, withinLimits } from './slack-limits.ts';

describe('alert destination', () => {
  it('links the channel alerts go to, or says they are off', () => {
    expect(withinLimits(renderAlertDestination({ platform: 'slack', mode: 'here', channel: 'C0ALERTS' })).text).toBe('Alerts for this account will be posted in <#C0ALERTS>');
    expect(withinLimits(renderAlertDestination({ platform: 'slack', mode: 'off', channel: null })).text).toBe('Alerts are off on Slack');
  });
  it('says where alerts go now, who set it, or that nothing is set here', () => {
    const set = allText(withinLimits(renderAlertStatus({ platform: 'slack', stored: true, channel: 'C0ALERTS', setBy: 'slack:U0ADMIN', setAt: iso(hoursAgo(3)) })));
    expect(set).toMatch(/Alerts for this account go to <#C0ALERTS> \(set by <@U0ADMIN> <!date[^>]+>\)/);
    expect(allText(withinLimits(renderAlertStatus({ platform: 'slack', stored: true, channel: null, setBy: 'cli:root', setAt: iso(hoursAgo(3)) })))).toContain('Alerts are off on Slack (set by cli:root');
    expect(allText(withinLimits(renderAlertStatus({ platform: 'slack', stored: false, channel: null, setBy: null, setAt: null })))).toContain('not set here');
  });
});

describe('roles', () => {
  it('lists identity → role with who granted it and when, admins first', () => {
    const message = withinLimits(renderRoles({ bindings: [
      { identity: 'teams:aad-<1>', role: 'operator', grantedBy: 'slack:U0ADMIN', grantedAt: iso(hoursAgo(2)) },
      { identity: 'slack:U0ADMIN', role: 'admin', grantedBy: 'cli:root', grantedAt: iso(hoursAgo(20)) },
    ] }));
    const lines = sectionTexts(message)[0]!.split('\n');
    expect(lines[1]).toMatch(/^• <@U0ADMIN> — \*admin\* \(granted by cli:root <!date[^>]+>\)$/);
    expect(lines[2]).toMatch(/^• teams:aad-&lt;1&gt; — \*operator\* \(granted by <@U0ADMIN> /);
  });
  it('explains that everyone is a viewer, and how to grant, when no role is granted', () => {
    const text = allText(withinLimits(renderRoles({ bindings: [] })));
    expect(text).toContain('everyone in chat and on the dashboard is a viewer');
    expect(text).toContain('`/dirsync roles grant @person operator`');
  });
  it('confirms grants and revocations', () => {
    expect(sectionTexts(withinLimits(renderRoleGranted({ identity: 'slack:U0OPS', role: 'operator', previous: null })))[0]).toBe('✅ <@U0OPS> is now *operator* (was a viewer by default).');
    expect(sectionTexts(withinLimits(renderRoleGranted({ identity: 'slack:U0OPS', role: 'admin', previous: 'operator' })))[0]).toContain('(was operator)');
    expect(sectionTexts(withinLimits(renderRoleRevoked({ identity: 'web:bob', previous: 'admin' })))[0]).toBe('✅ web:bob no longer has the admin role: a viewer now, like everyone without a role.');
  });
});
