import { EXPLANATIONS, type FailureClass, type FailureReason } from '../../../core/failures.ts';
import { codeBlock, escape, section, type Block } from './blocks.ts';

/** What a failed test, a failed run and a failure alert all carry (DESIGN §3). */
export interface FailureFacts {
  class: FailureClass;
  reason: FailureReason;
  message: string;
  diagnostic: string;
  checklist: string[];
}

/**
 * The explanation of the reason, then the failure's own message when it says more. Messages are
 * built as "explanation + specifics", so printing both would repeat the first sentence.
 */
export function explanation(f: Pick<FailureFacts, 'reason' | 'message'>): string {
  const base = EXPLANATIONS[f.reason] ?? '';
  if (!f.message || f.message === base) return escape(base);
  return f.message.startsWith(base) ? escape(f.message) : `${escape(base)}\n${escape(f.message)}`;
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
