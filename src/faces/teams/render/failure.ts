import { explanationLines, type FailureFacts } from '../../../presenters/words.ts';
import { container, safe, text, type Element } from './card.ts';

export type { FailureFacts };

/** "credential / invalid\_credentials": the class and reason as the taxonomy names them. */
export function classReason(f: Pick<FailureFacts, 'class' | 'reason'>): string {
  return safe(`${f.class} / ${f.reason}`);
}

/** The numbered checklist as a Markdown list (Teams renders `1.` lines as one). */
export function checklist(items: string[]): Element {
  return container([text('**What to check:**'), text(items.map((item, i) => `${i + 1}. ${safe(item)}`).join('\n'), { spacing: 'none' })]);
}

/**
 * Title (Markdown, already safe), explanation, raw diagnostic, numbered checklist. The diagnostic
 * is monospace: it is what someone pastes into a search or a ticket.
 */
export function failureElements(f: FailureFacts, title: string): Element[] {
  return [
    text(`${title}\n\n${explanationLines(f).map(safe).join('\n\n')}`),
    ...(f.diagnostic ? [container([text('Diagnostic:', { isSubtle: true }), text(safe(f.diagnostic), { fontType: 'monospace', size: 'small', spacing: 'none' })], 'emphasis')] : []),
    ...(f.checklist.length > 0 ? [checklist(f.checklist)] : []),
  ];
}
