import type { FC } from 'hono/jsx';
import { ERROR_TITLE } from '../src/presenters/words.ts';
import type { CommandError } from '../src/core/errors.ts';
import { Layout, Problem, type Viewer } from './layout.tsx';

/** A command's refusal, in its own words, with a way back. */
export const ErrorPage: FC<{ viewer: Viewer; error: CommandError }> = ({ viewer, error }) => (
  <Layout title={ERROR_TITLE[error.code]} viewer={viewer}>
    <h1>{ERROR_TITLE[error.code]}</h1>
    <Problem message={error.message} issues={error.issues} />
    {error.code === 'forbidden' && <p>Ask an admin for a role that allows this (dirsync roles grant web:{viewer.login} &lt;role&gt;).</p>}
    <p><a href="/">Back to the integrations</a></p>
  </Layout>
);
