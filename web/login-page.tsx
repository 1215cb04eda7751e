import type { FC } from 'hono/jsx';
import { Layout } from './layout.tsx';

export interface LoginProps {
  csrfToken: string;
  next: string;
  login?: string;
  problem?: string | null;
  setupNeeded: boolean;
}

export const LoginPage: FC<LoginProps> = ({ csrfToken, next, login = '', problem, setupNeeded }) => (
  <Layout title="Sign in" viewer={null}>
    <div class="login">
      <h1>Sign in to dirsync</h1>
      {problem && <p class="problem" role="alert">{problem}</p>}
      {setupNeeded && (
        <p class="banner">
          No dashboard user exists yet. Open the one-time setup link printed in the server log when dirsync
          started, or add a user with <code>dirsync users add &lt;login&gt; --role admin</code>.
        </p>
      )}
      <form method="post" action={`/login?next=${encodeURIComponent(next)}`}>
        <input type="hidden" name="_csrf" value={csrfToken} />
        <label for="login">Login</label>
        <input id="login" name="login" type="text" autocomplete="username" required value={login} autofocus={!login} />
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required autofocus={!!login} />
        <p>
          <button type="submit">Sign in</button>
        </p>
      </form>
    </div>
  </Layout>
);

export interface SetupProps {
  action: string;
  login?: string;
  problem?: string | null;
  issues?: { field: string; message: string }[];
  csrfToken: string;
}

/** The one-time page behind the setup link: creates the first admin and signs them in. */
export const SetupPage: FC<SetupProps> = ({ action, login = '', problem, issues = [], csrfToken }) => {
  const issue = (field: string) => issues.find((i) => i.field === field)?.message;
  return (
    <Layout title="Create the first admin" viewer={null}>
      <div class="login">
        <h1>Create the first admin</h1>
        <p class="muted">This link works once. The account you create here can add others and approve deletions.</p>
        {problem && <p class="problem" role="alert">{problem}</p>}
        <form method="post" action={action}>
          <input type="hidden" name="_csrf" value={csrfToken} />
          <label for="login">Login</label>
          <input id="login" name="login" type="text" autocomplete="username" required value={login} aria-invalid={issue('login') ? 'true' : undefined} aria-describedby="login-help" />
          <p id="login-help" class={issue('login') ? 'field-error' : 'hint'}>{issue('login') ?? 'Letters, digits, dot, dash, underscore or @; it becomes web:<login> in roles and the audit log.'}</p>
          <label for="password">Password</label>
          <input id="password" name="password" type="password" autocomplete="new-password" required minlength={12} aria-invalid={issue('password') ? 'true' : undefined} aria-describedby="password-help" />
          <p id="password-help" class={issue('password') ? 'field-error' : 'hint'}>{issue('password') ?? 'At least 12 characters.'}</p>
          <label for="confirm">Repeat the password</label>
          <input id="confirm" name="confirm" type="password" autocomplete="new-password" required aria-invalid={issue('confirm') ? 'true' : undefined} aria-describedby="confirm-help" />
          <p id="confirm-help" class={issue('confirm') ? 'field-error' : 'hint'}>{issue('confirm') ?? ''}</p>
          <p>
            <button type="submit">Create admin and sign in</button>
          </p>
        </form>
      </div>
    </Layout>
  );
};
