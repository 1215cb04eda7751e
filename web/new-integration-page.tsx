import type { FC } from 'hono/jsx';
import type { FieldIssue } from '../src/core/errors.ts';
import { IntegrationForm, type IntegrationFormValues } from './integration-form.tsx';
import { Layout, Problem, type Viewer } from './layout.tsx';

export const NewIntegrationPage: FC<{ viewer: Viewer; values: IntegrationFormValues; issues: FieldIssue[]; problem: string | null; schedulePreview: string }> = (p) => (
  <Layout title="Add an integration" viewer={p.viewer} section="overview">
    <p><a href="/">← All integrations</a></p>
    <h1>Add an integration</h1>
    <p class="muted">dirsync reads the directory with these settings. Test the connection before the first sync.</p>
    {p.problem && <Problem message={p.problem} />}
    <IntegrationForm viewer={p.viewer} mode="add" action="/integrations" values={p.values} issues={p.issues} passwordSet={false} caSummary={[]} schedulePreview={p.schedulePreview} />
  </Layout>
);
