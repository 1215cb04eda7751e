import { usageText, type Usage } from '../core/command-grammar.ts';
import { atLeast, type Role } from '../core/roles.ts';
import { showAccount } from './account/show.ts';
import { updateAccount } from './account/update.ts';
import { setAlertDestination } from './alert/set-destination.ts';
import { showAlertDestination } from './alert/show-destination.ts';
import { approveRequest, rejectRequest } from './approval/decide.ts';
import { listAudit } from './audit/list.ts';
import { listAlerts } from './alert/list.ts';
import { listApprovals } from './approval/list.ts';
import { showApproval } from './approval/show.ts';
import { showOverview } from './account/show-overview.ts';
import { listPending } from './change/list-pending.ts';
import type { CommandContext } from './context.ts';
import type { AnyCommand } from './define-command.ts';
import type { Face, FaceSpec } from './face-spec.ts';
import { addIntegration } from './integration/add.ts';
import { disableIntegration } from './integration/disable.ts';
import { enableIntegration } from './integration/enable.ts';
import { listIntegrations } from './integration/list.ts';
import { requestDelete } from './integration/request-delete.ts';
import { showIntegration } from './integration/show.ts';
import { testIntegration } from './integration/test.ts';
import { updateIntegration } from './integration/update.ts';
import { grantRole } from './role/grant.ts';
import { listRoles } from './role/list.ts';
import { revokeRole } from './role/revoke.ts';
import { whoAmI } from './role/whoami.ts';
import { syncHistory } from './sync/history.ts';
import { showPreview } from './sync/preview.ts';
import { requestSync } from './sync/request.ts';
import { addWebUser } from './web-user/add.ts';
import { listWebUsers } from './web-user/list.ts';
import { removeWebUser } from './web-user/remove.ts';
import { setWebPassword } from './web-user/set-password.ts';

/**
 * Every command a person invokes, once. Each carries its words, arguments and faces in its own
 * spec (`face`); the CLI, the chat grammar and help, Slack's and Teams' command lists and the
 * dashboard's role checks all read them from here, so a command appears on every face it names
 * or on none (docs/architecture.md#how-to-add-a-command). Commands only dirsync runs (executeSync,
 * reviewWarnings) and the helpers behind forms and sign-in are not listed.
 */
export const COMMANDS = [
  showOverview,
  listIntegrations,
  showIntegration,
  addIntegration,
  updateIntegration,
  enableIntegration,
  disableIntegration,
  testIntegration,
  requestDelete,
  requestSync,
  showPreview,
  syncHistory,
  listPending,
  listApprovals,
  showApproval,
  approveRequest,
  rejectRequest,
  listAlerts,
  showAlertDestination,
  setAlertDestination,
  listRoles,
  grantRole,
  revokeRole,
  whoAmI,
  showAccount,
  updateAccount,
  listAudit,
  listWebUsers,
  addWebUser,
  removeWebUser,
  setWebPassword,
] as const satisfies readonly AnyCommand[];

/** One way to say a command: a command has one, or several (`sync <name>`, `sync all`). */
export interface Entry extends Usage {
  /** The command's name, also its audit action: `integration.enable`. */
  name: string;
  command: AnyCommand;
  spec: FaceSpec;
  minRole: Role;
}

export const ENTRIES: readonly Entry[] = COMMANDS.flatMap((command) => {
  const { face, name, minRole } = command.spec;
  const specs = (face === undefined ? [] : Array.isArray(face) ? face : [face]) as FaceSpec[];
  return specs.map((spec) => ({ id: spec.words, words: spec.words.split(' '), args: spec.args ?? [], name, command, spec, minRole }));
});

/** Runs the entry's command: roles and input are checked by the command itself (defineCommand). */
export function runEntry(entry: Entry, ctx: CommandContext, input: unknown): Promise<unknown> {
  return entry.command({ ctx, input: input as never });
}

export function entriesFor(face: Face): Entry[] {
  return ENTRIES.filter((e) => e.spec.faces.includes(face));
}

export function entryById(id: string): Entry | undefined {
  return ENTRIES.find((e) => e.id === id);
}

/** The role a command needs, by its name (`sync.request`). */
export function roleFor(name: string): Role {
  const command = COMMANDS.find((c) => c.spec.name === name);
  if (!command) throw new Error(`no command named ${name} in the registry`);
  return command.spec.minRole;
}

/** Whether someone of this role may run the command: faces hide what would only be refused. */
export function allowed(who: { role: Role }, name: string): boolean {
  return atLeast(who.role, roleFor(name));
}

/** The input the words and options mean: what the words imply, then what was given. */
export function inputOf(entry: Entry, values: Record<string, unknown>): Record<string, unknown> {
  return { ...(entry.spec.fixed as Record<string, unknown> | undefined), ...values };
}

export interface HelpEntry {
  usage: string;
  summary: string;
  role: Role;
}

/** The help every chat face shows: the most used first (their menu rank), then the rest in registry order. */
export const CHAT_HELP: readonly HelpEntry[] = [
  ...entriesFor('chat').sort((a, b) => (a.spec.menu ?? 99) - (b.spec.menu ?? 99)).map((e) => ({ usage: usageText(e), summary: e.spec.summary, role: e.minRole })),
  { usage: 'help', summary: 'This list', role: 'viewer' },
];
