import { describe, expect, it } from 'vitest';
import { renderList, renderStateChange, renderSync } from '../../../../src/faces/slack/render/result-integrations.ts';
import { hoursAgo, integrationView, iso, listed } from '../../../support/chat-results.ts';
import { allText, sectionTexts, withinLimits } from './slack-limits.ts';

describe('renderList', () => {
  it('gives each integration its state, kind, last run, next run and open changes', () => {
    const message = withinLimits(renderList([
      listed(),
      listed({
        name: 'lab',
        kind: 'openldap',
        state: 'error',
        stateReason: 'bind <failed> & more',
        held: 5,
        awaitingApproval: 640,
        lastRun: { run: 9, status: 'failed', finishedAt: iso(hoursAgo(1)), users: null, failure: { class: 'credential', reason: 'invalid_credentials' } },
        warnings: ['plain LDAP without TLS: the bind password crosses the network in clear. Use ldaps:// or StartTLS.'],
      }),
      listed({ name: 'old', state: 'disabled', nextRun: null, lastRun: null }),
    ]));
    const text = allText(message);
    expect(text).toContain('🟢 *corp-ad* (active_directory)');
    expect(text).toMatch(/last run #42 succeeded <!date\^\d+\^[^>]+>, 1,200 users · next <!date/);
    expect(text).toContain('🔴 *lab* (openldap) · *in error* since');
    expect(text).toContain('bind &lt;failed&gt; &amp; more');
    expect(text).toMatch(/last run #9 failed <!date[^>]+>: credential \/ invalid_credentials/);
    expect(text).toContain('5 held, 640 awaiting approval');
    expect(text).toContain('⚠️ plain LDAP without TLS');
    expect(text).toContain('⚪ *old* (active_directory) · *disabled*');
    expect(text).toContain('never synced · no scheduled run');
    expect(sectionTexts(message)[0]).toBe('*3 integrations* · 🔴 1 in error · ⚪ 1 disabled');
  });

  it('says how to add one when there is none', () => {
    expect(allText(withinLimits(renderList([])))).toContain('`dirsync integrations add --help`');
  });

  it('stops around 40 and says how many more there are', () => {
    const many = Array.from({ length: 150 }, (_, i) => listed({ name: `integration-with-a-long-name-${i}`, held: i, awaitingApproval: i, warnings: ['certificate CN=x expires in 3 days (2026-11-23)'] }));
    const message = withinLimits(renderList(many));
    const text = allText(message);
    expect(text).toMatch(/…and 1[1-4]\d more — `dirsync integrations list` on the CLI shows all/);
    expect(text).not.toContain('more not shown');
  });
});

describe('renderSync', () => {
  it('says a single sync was queued, or joined the one already queued or running', () => {
    expect(withinLimits(renderSync({ verb: 'sync', all: false, runs: [{ integration: 'corp-ad', run: 42, joined: false }] })).text).toBe('Sync #42 of corp-ad queued');
    const joined = withinLimits(renderSync({ verb: 'sync', all: false, runs: [{ integration: 'corp-ad', run: 41, joined: true }] }));
    expect(sectionTexts(joined)[0]).toBe('🔁 Sync #41 of *corp-ad* joined the run already queued or running.');
  });
  it('lists every run of a sync all', () => {
    const message = withinLimits(renderSync({ verb: 'sync', all: true, runs: [{ integration: 'corp-ad', run: 42, joined: false }, { integration: 'hq', run: 40, joined: true }] }));
    const text = allText(message);
    expect(text).toContain('*Sync all*: 1 run queued, 1 joined a run already queued or running');
    expect(text).toContain('⏳ *corp-ad*: sync #42 queued');
    expect(text).toContain('🔁 *hq*: joined sync #40, already queued or running');
    expect(text).toContain('Disabled integrations are skipped.');
    expect(allText(withinLimits(renderSync({ verb: 'sync', all: true, runs: [] })))).toContain('Nothing to sync');
  });
  it('keeps a sync all of hundreds of integrations within the limits', () => {
    const runs = Array.from({ length: 400 }, (_, i) => ({ integration: `directory-number-${i}`, run: i + 1, joined: i % 3 === 0 }));
    expect(allText(withinLimits(renderSync({ verb: 'sync', all: true, runs })))).toMatch(/…and \d+ more/);
  });
});

describe('renderStateChange', () => {
  it('says an enable changed the state and when held changes apply', () => {
    const text = allText(withinLimits(renderStateChange('enable', { integration: integrationView(), changed: true, previousState: 'disabled', note: null })));
    expect(text).toContain('🟢 *corp-ad* enabled (was disabled).');
    expect(text).toContain('next successful sync');
  });
  it('warns that a disabled integration holds every destructive change of the account', () => {
    const change = { integration: integrationView({ state: 'disabled', stateReason: 'DC <retired> & gone' }), changed: true, previousState: 'enabled' as const, note: null };
    const text = allText(withinLimits(renderStateChange('disable', change)));
    expect(text).toContain('⚪ *corp-ad* disabled (was enabled).');
    expect(text).toContain('Reason: DC &lt;retired&gt; &amp; gone');
    expect(text).toContain('While any integration is disabled, every destructive change of this account');
    expect(text).toContain('`/dirsync enable corp-ad`');
  });
  it('says why nothing changed', () => {
    const message = withinLimits(renderStateChange('enable', { integration: integrationView(), changed: false, previousState: 'enabled', note: 'it is already enabled' }));
    expect(sectionTexts(message)[0]).toBe('🟢 *corp-ad*: nothing to do, it is already enabled.');
  });
});
