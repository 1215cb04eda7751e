import { describe, expect, it } from 'vitest';
import { message } from '../../../../src/faces/teams/render/card.ts';
import { classReason, failureElements } from '../../../../src/faces/teams/render/failure.ts';
import { checklistFor, EXPLANATIONS } from '../../../../src/core/failures.ts';
import { runFailure } from '../../../support/chat-results.ts';
import { allText, readable, textBlocks, withinLimits } from './card-limits.ts';

const render = (f = runFailure()) => withinLimits(message('failed', failureElements(f, `**${classReason(f)}**`)));

describe('failureElements', () => {
  it('gives the title, the explanation once, the diagnostic in monospace and the numbered checklist', () => {
    const m = render();
    const [first] = textBlocks(m);
    expect(first).toBe(`**credential / invalid_credentials**\n\n${EXPLANATIONS.invalid_credentials} (Active Directory: data 52e)`);
    expect(JSON.stringify(m.card)).toContain('"fontType":"monospace"');
    expect(readable(m)).toContain('80090308: LdapErr: DSID-0C090439, comment: AcceptSecurityContext error, data 52e, v4563 for CN=Svc <b>&Sync');
    expect(allText(m)).toContain('**What to check:**');
    expect(allText(m)).toContain(checklistFor('invalid_credentials').map((item, i) => `${i + 1}. ${item}`).join('\n'));
  });

  it('prints explanation and message both when the message says something else', () => {
    expect(textBlocks(render(runFailure({ message: 'the DC said no' })))[0]).toContain(`${EXPLANATIONS.invalid_credentials}\n\nthe DC said no`);
  });

  it('leaves out an empty diagnostic and an empty checklist, and survives a huge diagnostic', () => {
    const bare = render(runFailure({ diagnostic: '', checklist: [] }));
    expect(textBlocks(bare)).toHaveLength(1);
    expect(readable(render(runFailure({ diagnostic: '<x>&*_'.repeat(5000) })))).toContain('… (truncated)');
  });
});
