import type { FC } from 'hono/jsx';
import type { ApprovalDetail } from '../src/commands/approval/show.ts';
import { changeWhat, changeWho, num } from '../src/presenters/words.ts';
import { Layout, type Viewer } from './layout.tsx';
import { Approval } from './lists-pages.tsx';

/** /approvals/:id: the request's card, then every change it covers by name, a page at a time. */
export const ApprovalPage: FC<{ viewer: Viewer; detail: ApprovalDetail; timeZone: string }> = ({ viewer, detail, timeZone }) => {
  const { request, changes, page, pages } = detail;
  const link = (n: number) => `/approvals/${request.id}?page=${n}`;
  return (
    <Layout title={`Approval #${request.id}`} viewer={viewer} section="approvals">
      <h1>{`Approval #${request.id}`}</h1>
      <Approval a={request} viewer={viewer} timeZone={timeZone} />
      <h2>{`Who it touches: ${num(changes.total)} ${changes.total === 1 ? 'change' : 'changes'}`}</h2>
      {changes.total === 0 ? <p>No change is named: nothing is left that this request would apply.</p> : (
        <table class="stack changes">
          <thead><tr><th scope="col">User</th><th scope="col">DN</th><th scope="col">Change</th></tr></thead>
          <tbody>
            {changes.items.map((c) => (
              <tr>
                <td>{changeWho(c)}</td>
                <td><code>{c.user?.dn ?? ''}</code></td>
                <td>{changeWhat(c)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pages > 1 && (
        <nav class="pager" aria-label="Pages of changes">
          {page > 1 && <a href={link(page - 1)}>← Previous</a>} <span>{`Page ${num(page)} of ${num(pages)}`}</span> {page < pages && <a href={link(page + 1)}>Next →</a>}
        </nav>
      )}
      <p><a href="/approvals">All approval requests</a></p>
    </Layout>
  );
};
