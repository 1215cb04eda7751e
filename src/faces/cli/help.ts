/** Help for every level. Kept beside each other so the tree reads as one document. */

export const TOP_HELP = `dirsync — sync LDAP / Active Directory into Postgres, with chat-ops

Usage: dirsync <command> [options]

Commands:
  start                         Apply migrations and serve HTTP (dashboard, health) on HOST:PORT
  migrate                       Apply database migrations and exit
  integrations <sub-command>    Manage directory integrations (add, update, list, show, enable, disable)
  test <name>                   Test an integration stage by stage: what broke, why, what to check
  sync <name>|all               Sync now (joins a run already queued or running); progress on stderr
  history <name>                Past runs: status, counts, destructive changes, failure
  pending [<name>]              Held / awaiting changes, who blocks them, open approval requests
  delete <name>                 Request the deletion of an integration (another admin approves)
  approve <id> | reject <id>    Settle an approval request (admin; four-eyes)
  list                          Short for: integrations list
  show <name>                   Short for: integrations show <name>
  enable <name>                 Short for: integrations enable <name>
  disable <name>                Short for: integrations disable <name>
  account show|update           Show or change account settings (time zone, thresholds)
  audit                         Read the audit log
  roles list|grant|revoke       Who may do what in chat and on the dashboard (viewer, operator, admin)
  users list|add|remove|passwd  Dashboard sign-in: logins and passwords
  slack manifest                Print the Slack app manifest for this deployment
  teams package                 Build the Teams app package (manifest zip) for this deployment
  version                       Print the version

Options (every command):
  --json        Machine-readable output on stdout (stable camelCase keys)
  --actor NAME  Who acts, for the audit log and four-eyes approvals (default: cli:<os user>)
  -h, --help    Help for the command

Exit codes: 0 success, 1 the command ran and reports a failure, 2 bad input or usage.
Configuration comes from the environment; see the README (DATABASE_URL, DIRSYNC_DATA_DIR,
DIRSYNC_SECRET_KEY, HOST, PORT, LOG_LEVEL, DIRSYNC_WORKERS, DIRSYNC_SCHEDULER, DIRSYNC_ADMINS,
DIRSYNC_PUBLIC_URL, SLACK_*, MICROSOFT_APP_*).
`;

export const INTEGRATIONS_HELP = `Usage: dirsync integrations <sub-command> [options]

Sub-commands:
  add <name> ...        Add a directory integration (dirsync integrations add --help)
  update <name> ...     Change settings of an integration (dirsync integrations update --help)
  list                  List integrations with their state
  show <name>           Show one integration's settings (the password only as "set")
  enable <name>         Enable a disabled integration
  disable <name>        Disable an integration [--reason TEXT]. While any integration is disabled,
                        destructive changes are held for the whole account.
`;

const SETTINGS = `  --kind KIND               active_directory | openldap | domino | google_secure_ldap | ldap
  --url URL                 ldaps://host[:636] or ldap://host[:389]; repeat for fail-over servers
  --tls MODE                ldaps | starttls | none (default: ldaps for ldaps://, starttls for ldap://;
                            none sends the password in clear and every test warns about it)
  --bind-dn DN              Service account DN, RFC 4514 (e.g. CN=svc-dirsync,OU=Service\\2FAccounts,DC=corp,DC=example)
  --password-env VAR        Read the bind password from environment variable VAR
  --password-stdin          Read the bind password from standard input (prompted, hidden, on a terminal)
  --base-dn DN              Where users and groups live; repeat for several
  --ca-file PATH            PEM bundle of the CA(s) that signed the directory's certificate
  --client-cert-file PATH   PEM client certificate (with --client-key-file) for mutual TLS
  --client-key-file PATH    PEM private key of the client certificate (stored encrypted)
  --user-filter FILTER      LDAP filter for users (default depends on --kind)
  --group-filter FILTER     LDAP filter for groups (default depends on --kind)
  --attr KEY=ATTRIBUTE      Override an attribute mapping; KEY is uniqueId, mail, proxyAddresses,
                            displayName or member. Repeatable.
  --schedule CRON           When to sync, cron syntax in the account's time zone (default "0 8,13,23 * * *")
  --connect-timeout SECONDS     Give up connecting after this long (default 5)
  --operation-timeout SECONDS   Give up on any one LDAP operation after this long (default 15)
  --acknowledge-disabled yes|no Treat accounts disabled in AD (userAccountControl) as gone
                                (default yes for active_directory, no otherwise)`;

export const ADD_HELP = `Usage: dirsync integrations add <name> --kind KIND --url URL --bind-dn DN
         (--password-env VAR | --password-stdin) --base-dn DN [options]

<name>: 1–63 lower-case letters, digits and dashes (used in chat: /dirsync test <name>).
Passwords are never taken as arguments (they would show in the process list and shell history).

${SETTINGS}
  --json                    Print the created integration as JSON

Example:
  DIRSYNC_BIND_PASSWORD=… dirsync integrations add corp-ad --kind active_directory \\
    --url ldaps://dc1.corp.example --ca-file corp-ca.pem --bind-dn 'CN=svc-dirsync,OU=Service,DC=corp,DC=example' \\
    --password-env DIRSYNC_BIND_PASSWORD --base-dn 'OU=Staff,DC=corp,DC=example'
`;

export const UPDATE_HELP = `Usage: dirsync integrations update <name> [options]

Only the options given change. Options as for "add", plus:
  --rename NEW-NAME         Rename the integration
  --clear-ca                Remove the CA bundle (use the system trust store only)
  --clear-client-cert       Remove the client certificate and key

${SETTINGS}
`;

export const LIST_HELP = `Usage: dirsync integrations list [--json]   (or: dirsync list)\n`;
export const SHOW_HELP = `Usage: dirsync integrations show <name> [--json]   (or: dirsync show <name>)\n`;
export const ENABLE_HELP = `Usage: dirsync integrations enable <name> [--reason TEXT] [--json]   (or: dirsync enable <name>)\n`;
export const DISABLE_HELP = `Usage: dirsync integrations disable <name> [--reason TEXT] [--json]   (or: dirsync disable <name>)

While an integration is disabled, every destructive change (removals, address-type changes,
deletions) of every integration in the account is held.
`;

export const ACCOUNT_HELP = `Usage: dirsync account show [--json]
       dirsync account update [--time-zone TZ] [--deletion-threshold-count N]
                              [--deletion-threshold-percent P] [--lingering-hours H] [--json]

  --time-zone TZ                  IANA zone for schedules (e.g. Europe/Berlin)
  --deletion-threshold-count N    Destructive changes above N in one run need approval (default 500)
  --deletion-threshold-percent P  …or above P % of the integration's active users (default 10)
  --lingering-hours H             Warn about integrations disabled or in error longer than H hours (default 24)
`;

export const AUDIT_HELP = `Usage: dirsync audit [--integration NAME] [--action ACTION] [--actor ACTOR] [--limit N] [--before ID] [--json]

Newest first. ACTION is entity.verb (e.g. integration.add); ACTOR is platform:id (e.g. cli:alice).
Page back with --before <the smallest id shown>.
`;

export const ROLES_HELP = `Usage: dirsync roles [list] [--json]
       dirsync roles grant <identity> <viewer|operator|admin> [--json]
       dirsync roles revoke <identity> [--json]

<identity> is slack:<user id> (e.g. slack:U024BE7LH), teams:<AAD object id> or web:<login>.
Anyone without a role is a viewer. The last admin cannot be revoked or demoted; DIRSYNC_ADMINS
(comma-separated identities) makes those identities admins at every start.
`;

export const USERS_HELP = `Usage: dirsync users [list] [--json]
       dirsync users add <login> --role viewer|operator|admin [--password-env VAR] [--json]
       dirsync users remove <login> [--json]
       dirsync users passwd <login> [--password-env VAR] [--json]

Dashboard users sign in with <login> and a password (at least 12 characters), read from standard
input (prompted twice, hidden, on a terminal) or from the environment variable named by
--password-env; never from an argument. A user's role is the role of web:<login> (change it with
dirsync roles grant web:<login> <role>). remove also ends their sessions and removes that role;
passwd signs them out everywhere. Example:
  printf '%s' "$NEW_PASSWORD" | dirsync users add alice --role admin
`;

export const START_HELP = `Usage: dirsync start

Applies migrations, then serves on HOST:PORT (default 127.0.0.1:3000):
  GET /healthz   200 when the database answers, 503 otherwise
  GET /          the dashboard (sign in at /login; with no user yet, the log prints a
                 one-time setup link that creates the first admin)
  GET /metrics   Prometheus metrics
  POST /slack/events   Slack commands and buttons (when SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are set)
  POST /api/messages   Teams (when MICROSOFT_APP_ID is set)
Stops cleanly on SIGINT / SIGTERM.
`;

export const MIGRATE_HELP = `Usage: dirsync migrate [--json]

Applies the committed migrations in drizzle/ to the configured database and exits.
`;

export const SLACK_HELP = `Usage: dirsync slack manifest [--url https://PUBLIC-HOST | --socket-mode] [--json]

Prints the Slack app manifest (JSON) for this deployment. Paste it in Slack:
api.slack.com/apps → Create New App → From an app manifest.

  --url URL       Public https:// address Slack reaches this server on; commands, buttons and
                  events go to URL/slack/events. Default: DIRSYNC_PUBLIC_URL.
  --socket-mode   dirsync connects out to Slack (SLACK_APP_TOKEN, xapp-…) instead: for a server
                  the internet cannot reach. No request URLs in the manifest.
`;

export const TEAMS_HELP = `Usage: dirsync teams package [--app-id GUID] [--url https://PUBLIC-HOST] [--out FILE]
                             [--developer NAME] [--website-url URL] [--privacy-url URL] [--terms-url URL] [--json]

Writes the Teams app package for this deployment: a zip of manifest.json (schema 1.17) and the
two icons. Upload it in Teams: Apps → Manage your apps → Upload an app (or, for the whole
organisation, Teams admin center → Teams apps → Manage apps → Upload new app).

  --app-id GUID   The bot's Microsoft App ID (Azure Bot → Configuration). Default: MICROSOFT_APP_ID.
  --url URL       Public https:// address of this server; its host becomes the app's valid domain.
                  Teams messages go to URL/api/messages, set as the Azure Bot's messaging endpoint.
                  Default: DIRSYNC_PUBLIC_URL.
  --out FILE      Where to write the package. Default: dirsync-teams.zip in the current directory.
  --developer NAME, --website-url URL, --privacy-url URL, --terms-url URL
                  The publisher Teams shows on the app's page, and its links (https://). Default:
                  the public host's name, its address, and its /privacy and /terms, which dirsync
                  does not serve: point them at your organisation's pages.
`;
