/** Served from /assets/app.css: the CSP allows no inline styles or scripts. */
export const STYLESHEET = `
:root { color-scheme: light dark; --fg: #1b1f24; --bg: #ffffff; --muted: #57606a; --line: #d0d7de;
  --ok: #1a7f37; --warn: #9a6700; --bad: #cf222e; font-family: system-ui, sans-serif; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --line: #30363d;
  --ok: #3fb950; --warn: #d29922; --bad: #f85149; } }
body { margin: 0 auto; max-width: 72rem; padding: 1.5rem; color: var(--fg); background: var(--bg); line-height: 1.45; }
h1 { font-size: 1.4rem; margin: 0 0 1rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .5rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: .85rem; color: var(--muted); font-weight: 600; }
code { font-size: .85rem; word-break: break-all; }
.badge { display: inline-block; padding: .1rem .5rem; border-radius: 1rem; font-size: .8rem; font-weight: 600; border: 1px solid currentColor; }
.state-enabled { color: var(--ok); } .state-disabled { color: var(--warn); } .state-error { color: var(--bad); }
.muted { color: var(--muted); }
@media (max-width: 40rem) { thead { display: none; } tr { display: block; border-bottom: 1px solid var(--line); padding: .5rem 0; }
  td { display: block; border: 0; padding: .15rem 0; } }
`;
