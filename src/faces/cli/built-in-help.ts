/** Help of the CLI's built-ins: what it does that is not a command of the registry. */

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

export const AGENT_HELP = `Usage: dirsync agent

Runs syncs for a deployment whose web side is elsewhere (Cloudflare Workers, or a server that
cannot reach the directory): a process beside the directory with no port of its own. It takes
queued runs from the PostgreSQL database in DATABASE_URL (the one the web side uses), queues
scheduled runs (DIRSYNC_SCHEDULER), and delivers Slack alerts when SLACK_BOT_TOKEN is set.
Every connection goes out: to Postgres, the directory and Slack. DIRSYNC_SECRET_KEY must be the
web side's key. DIRSYNC_WORKERS runs at once (default 2). Stops cleanly on SIGINT / SIGTERM.
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
