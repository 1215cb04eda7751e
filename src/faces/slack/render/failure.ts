import { explanationLines, type FailureFacts } from '../../../presenters/words.ts';
import { codeBlock, escape, section, type Block } from './blocks.ts';

export type { FailureFacts };

/** The reason's explanation, and the failure's own message when it says more (shared wording). */
export function explanation(f: Pick<FailureFacts, 'reason' | 'message'>): string {
  return explanationLines(f).map(escape).join('\n');
}

export function checklistText(items: string[]): string {
  return `*What to check:*\n${items.map((item, i) => `${i + 1}. ${escape(item)}`).join('\n')}`;
}

/** Title line (mrkdwn, already escaped), explanation, raw diagnostic, numbered checklist. */
export function failureBlocks(f: FailureFacts, title: string): Block[] {
  return [
    section(`${title}\n${explanation(f)}`),
    ...(f.diagnostic ? [section(`Diagnostic:\n${codeBlock(f.diagnostic)}`)] : []),
    ...(f.checklist.length > 0 ? [section(checklistText(f.checklist))] : []),
  ];
}
