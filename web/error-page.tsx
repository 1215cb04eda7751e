import type { FC } from 'hono/jsx';
import type { CommandError } from '../src/core/errors.ts';
import { Layout, Problem, type Viewer } from './layout.tsx';

const TITLE: Record<CommandError['code'], string> = {
  validation: 'That input was refused',
  not_found: 'Not found',
  conflict: 'Conflict',
  forbidden: 'Not allowed',
  failed_precondition: 'Not possible right now',
  unavailable: 'Temporarily unavailable',
  rate_limited: 'Too many attempts',
  internal: 'Something went wrong',
};

/** A command's refusal, in its own words, with a way back. */
export const ErrorPage: FC<{ viewer: Viewer; error: CommandError }> = ({ viewer, error }) => (
  <Layout title={TITLE[error.code]} viewer={viewer}>
    <h1>{TITLE[error.code]}</h1>
    <Problem message={error.message} issues={error.issues} />
    {error.code === 'forbidden' && <p>Ask an admin for a role that allows this (dirsync roles grant web:{viewer.login} &lt;role&gt;).</p>}
    <p><a href="/">Back to the integrations</a></p>
  </Layout>
);
