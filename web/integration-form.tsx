import type { FC } from 'hono/jsx';
import type { FieldIssue } from '../src/core/errors.ts';
import { INTEGRATION_KINDS, TLS_MODES } from '../src/core/integration.ts';
import { CsrfField, type Viewer } from './layout.tsx';

/** The form as typed: strings, so a refused submission comes back exactly as it was sent. */
export interface IntegrationFormValues {
  name: string;
  kind: string;
  urls: string;
  tlsMode: string;
  bindDn: string;
  baseDns: string;
  userFilter: string;
  groupFilter: string;
  schedule: string;
  connectTimeoutSeconds: string;
  operationTimeoutSeconds: string;
  acknowledgeDisabled: boolean;
  caPem: string;
  clearCa: boolean;
}

export interface IntegrationFormProps {
  viewer: Viewer;
  mode: 'add' | 'edit';
  action: string;
  values: IntegrationFormValues;
  issues: FieldIssue[];
  passwordSet: boolean;
  caSummary: string[];
  /** The next runs of the current schedule, already formatted in the account's zone. */
  schedulePreview: string;
}

const KIND_LABEL: Record<string, string> = {
  active_directory: 'Active Directory',
  openldap: 'OpenLDAP',
  domino: 'HCL Domino',
  google_secure_ldap: 'Google Secure LDAP',
  ldap: 'Other LDAP',
};
const TLS_LABEL: Record<string, string> = { ldaps: 'LDAPS (TLS from the start)', starttls: 'StartTLS', none: 'None (plain LDAP; not recommended)' };

/** Field names in command errors (`urls.1`, `rename`) mapped to the form control they concern. */
export function issuesFor(issues: FieldIssue[], field: string): FieldIssue[] {
  return issues.filter((i) => {
    const head = i.field.split('.')[0]!;
    return head === field || (field === 'name' && head === 'rename') || (field === 'connectTimeoutSeconds' && head === 'connectTimeoutMs') || (field === 'operationTimeoutSeconds' && head === 'operationTimeoutMs');
  });
}

const Help: FC<{ id: string; issues: FieldIssue[]; hint?: string }> = ({ id, issues, hint }) =>
  issues.length > 0 ? (
    <div id={id} class="field-error" role="alert">
      {issues.map((i) => (
        <p>
          {i.message}
          {i.fix && !i.message.includes(i.fix) && <> Write it as <code>{i.fix}</code>.</>}
        </p>
      ))}
    </div>
  ) : (
    <p id={id} class="hint">{hint ?? ''}</p>
  );

const Text: FC<{ name: keyof IntegrationFormValues; label: string; value: string; issues: FieldIssue[]; hint?: string; multiline?: boolean; required?: boolean; type?: string; extra?: Record<string, string>; autocomplete?: string }> = (p) => {
  const mine = issuesFor(p.issues, p.name);
  const common = { id: `f-${p.name}`, name: p.name, 'aria-describedby': `h-${p.name}`, 'aria-invalid': mine.length ? 'true' : undefined, required: p.required, ...p.extra };
  return (
    <div>
      <label for={`f-${p.name}`}>{p.label}</label>
      {p.multiline ? <textarea {...common} rows={3}>{p.value}</textarea> : <input {...common} type={p.type ?? 'text'} value={p.value} autocomplete={p.autocomplete ?? 'off'} />}
      <Help id={`h-${p.name}`} issues={mine} hint={p.hint} />
    </div>
  );
};

export const IntegrationForm: FC<IntegrationFormProps> = ({ viewer, mode, action, values: v, issues, passwordSet, caSummary, schedulePreview }) => {
  const select = (name: 'kind' | 'tlsMode', label: string, options: readonly string[], labels: Record<string, string>) => (
    <div>
      <label for={`f-${name}`}>{label}</label>
      <select id={`f-${name}`} name={name}>
        {options.map((o) => <option value={o} selected={v[name] === o}>{labels[o] ?? o}</option>)}
      </select>
    </div>
  );
  return (
    <form method="post" action={action} novalidate>
      <CsrfField viewer={viewer} />
      <Text name="name" label={mode === 'add' ? 'Name' : 'Name (rename)'} value={v.name} issues={issues} required hint="Lower-case letters, digits and dashes, e.g. corp-ad. Chat commands use it." />
      {select('kind', 'Directory kind', INTEGRATION_KINDS, KIND_LABEL)}
      <Text name="urls" label="Server URLs" value={v.urls} issues={issues} multiline required hint="One per line, tried in order: ldaps://dc1.corp.example:636" />
      {select('tlsMode', 'Transport security', TLS_MODES, TLS_LABEL)}
      <Text name="caPem" label="CA certificate (PEM)" value={v.caPem} issues={issues} multiline hint={caSummary.length ? `Current: ${caSummary.join('; ')}. Paste a new bundle to replace it.` : 'For a private CA: paste its certificate. The system store is always trusted too.'} />
      {mode === 'edit' && caSummary.length > 0 && (
        <label class="check"><input type="checkbox" name="clearCa" value="1" checked={v.clearCa} /> Remove the stored CA certificate</label>
      )}
      <Text name="bindDn" label="Bind DN" value={v.bindDn} issues={issues} required extra={{ 'data-dn-check': 'h-bindDn' }} hint="The service account, e.g. CN=svc-dirsync,OU=Service Accounts,DC=corp,DC=example (AD also takes user@domain)." />
      <div>
        <label for="f-bindPassword">{mode === 'add' ? 'Bind password' : 'Replace bind password'}</label>
        <input id="f-bindPassword" name="bindPassword" type="password" autocomplete="new-password" aria-describedby="h-bindPassword" aria-invalid={issuesFor(issues, 'bindPassword').length ? 'true' : undefined} required={mode === 'add'} />
        <Help id="h-bindPassword" issues={issuesFor(issues, 'bindPassword')} hint={mode === 'edit' ? (passwordSet ? 'A password is set. Leave empty to keep it.' : 'No password is set.') : 'Stored encrypted; never shown again.'} />
      </div>
      <Text name="baseDns" label="Base DNs" value={v.baseDns} issues={issues} multiline required extra={{ 'data-dn-check': 'h-baseDns' }} hint="One per line. Characters such as / + , = must be escaped: OU=Docs/KB is written OU=Docs\2FKB." />
      <Text name="userFilter" label="User filter" value={v.userFilter} issues={issues} hint={mode === 'add' ? 'Empty: the default for the directory kind.' : undefined} />
      <Text name="groupFilter" label="Group filter" value={v.groupFilter} issues={issues} hint={mode === 'add' ? 'Empty: the default for the directory kind.' : undefined} />
      <Text name="schedule" label="Schedule (cron)" value={v.schedule} issues={issues} required extra={{ 'data-schedule-preview': 'h-schedule' }} hint={schedulePreview} />
      <Text name="connectTimeoutSeconds" label="Connect timeout (seconds)" value={v.connectTimeoutSeconds} issues={issues} type="number" extra={{ min: '0.1', max: '60', step: '0.1' }} />
      <Text name="operationTimeoutSeconds" label="Operation timeout (seconds)" value={v.operationTimeoutSeconds} issues={issues} type="number" extra={{ min: '1', max: '300', step: '1' }} />
      <label class="check"><input type="checkbox" name="acknowledgeDisabled" value="1" checked={v.acknowledgeDisabled} /> Treat accounts disabled in the directory as gone</label>
      <p>
        <button type="submit" data-busy="Saving…">{mode === 'add' ? 'Add integration' : 'Save changes'}</button>
      </p>
    </form>
  );
};
