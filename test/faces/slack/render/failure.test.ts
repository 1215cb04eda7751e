import { describe, expect, it } from 'vitest';
import { finish } from '../../../../src/faces/slack/render/blocks.ts';
import { checklistText, explanation, failureBlocks } from '../../../../src/faces/slack/render/failure.ts';
import { EXPLANATIONS } from '../../../../src/core/failures.ts';
import { runFailure } from '../../../support/chat-results.ts';
import { allText, withinLimits } from './slack-limits.ts';

describe('failure blocks', () => {
  it('does not repeat the explanation the message already starts with', () => {
    expect(explanation({ reason: 'invalid_credentials', message: `${EXPLANATIONS.invalid_credentials} (data 52e)` })).toBe(`${EXPLANATIONS.invalid_credentials} (data 52e)`);
    expect(explanation({ reason: 'dns_not_found', message: 'lookup of <dc1> failed' })).toBe(`${EXPLANATIONS.dns_not_found}\nlookup of &lt;dc1&gt; failed`);
    expect(explanation({ reason: 'dns_not_found', message: '' })).toBe(EXPLANATIONS.dns_not_found);
  });
  it('numbers the checklist and escapes its items', () => {
    expect(checklistText(['Check <this>', 'then & that'])).toBe('*What to check:*\n1. Check &lt;this&gt;\n2. then &amp; that');
  });
  it('puts the diagnostic in a code block, and leaves it out when there is none', () => {
    const blocks = failureBlocks(runFailure(), '*title*');
    expect(allText(withinLimits(finish({ text: 't', blocks })))).toContain('```80090308');
    expect(failureBlocks(runFailure({ diagnostic: '' }), '*title*')).toHaveLength(2);
  });
});
