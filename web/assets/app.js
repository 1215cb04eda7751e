// Progressive enhancement for the dashboard. Every page works without it; the Content-Security-Policy
// allows scripts from this origin only, so this file is the only script the dashboard runs.
'use strict';

// Confirm destructive actions, and stop double submits while the server works.
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement)) return;
  const question = form.dataset.confirm;
  if (question && !window.confirm(question)) {
    event.preventDefault();
    return;
  }
  const button = event.submitter;
  if (button instanceof HTMLButtonElement && button.dataset.busy) {
    // Disabled after the browser has read the form, so the button's own name/value still posts.
    setTimeout(() => {
      button.disabled = true;
      button.textContent = button.dataset.busy;
    }, 0);
  }
});

// Live sync progress: the server streams the run's state (server-sent events) until it ends.
for (const box of document.querySelectorAll('[data-run-events]')) {
  const bar = box.querySelector('progress');
  const text = box.querySelector('[data-run-text]');
  const source = new EventSource(box.dataset.runEvents);
  source.addEventListener('progress', (event) => {
    const p = JSON.parse(event.data);
    box.dataset.state = p.status;
    if (bar) {
      if (p.expected) {
        bar.max = p.expected;
        bar.value = Math.min(p.entriesRead, p.expected);
      } else bar.removeAttribute('value');
    }
    if (text) text.textContent = p.text;
  });
  source.addEventListener('done', (event) => {
    const p = JSON.parse(event.data);
    source.close();
    box.dataset.state = p.status;
    if (bar) {
      bar.max = 1;
      bar.value = 1;
    }
    if (text) text.textContent = p.text;
    refreshRuns(box);
  });
  // The server stopped following a run that did not change for hours: reconnecting would not help;
  // what the page shows of runs may still be out of date, so it is fetched again.
  source.addEventListener('stopped', (event) => {
    source.close();
    if (text) text.textContent = JSON.parse(event.data).text;
    refreshRuns(box);
  });
  // EventSource reconnects by itself after a network error; the server resumes from the run's state.
}

// Once a live run ends, the parts of the page it changed (run table, chart, pending changes) are
// replaced by the server's fresh copy; only if that fails does the "updated page" link appear.
async function refreshRuns(box) {
  try {
    const response = await fetch(window.location.pathname, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(String(response.status));
    const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
    for (const old of document.querySelectorAll('[data-refresh]')) {
      const replacement = fresh.querySelector(`[data-refresh="${old.dataset.refresh}"]`);
      if (replacement) old.replaceWith(document.importNode(replacement, true));
    }
  } catch {
    const more = box.querySelector('[data-run-more]');
    if (more) more.hidden = false;
  }
}

async function getJson(url) {
  const response = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
  return { ok: response.ok, body: await response.json() };
}

function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

// Cron preview: the next three runs in the account's time zone, as the expression is typed.
for (const input of document.querySelectorAll('[data-schedule-preview]')) {
  const out = document.getElementById(input.dataset.schedulePreview);
  const update = debounce(async () => {
    const { ok, body } = await getJson(`/api/preview-schedule?schedule=${encodeURIComponent(input.value)}`);
    input.setAttribute('aria-invalid', String(!ok));
    out.textContent = ok ? `Next runs (${body.timeZone}): ${body.nextText.join(' · ')}` : body.error.message;
    out.className = ok ? 'hint' : 'field-error';
  }, 300);
  input.addEventListener('input', update);
}

// DN check: escaping problems are explained as soon as the field is left, with the corrected DN.
for (const input of document.querySelectorAll('[data-dn-check]')) {
  const out = document.getElementById(input.dataset.dnCheck);
  input.addEventListener('change', async () => {
    if (!input.value.trim()) return;
    const { ok, body } = await getJson(`/api/check-dn?field=${input.name}&value=${encodeURIComponent(input.value)}`);
    input.setAttribute('aria-invalid', String(!ok));
    out.replaceChildren();
    out.className = ok ? 'hint' : 'field-error';
    if (ok) return;
    for (const issue of body.error.issues.length ? body.error.issues : [{ message: body.error.message }]) {
      const line = document.createElement('span');
      line.textContent = issue.fix ? `${issue.message} Write it as ${issue.fix} ` : `${issue.message} `;
      out.append(line);
      if (issue.fix) {
        const use = document.createElement('button');
        use.type = 'button';
        use.className = 'secondary';
        use.textContent = 'Use the corrected DN';
        use.addEventListener('click', () => {
          // baseDns.<i> counts the non-blank lines, as saving them does.
          const index = Number(String(issue.field).split('.')[1]);
          if (input.tagName === 'TEXTAREA' && Number.isInteger(index)) {
            let seen = -1;
            input.value = input.value.split('\n').map((line) => (line.trim() && ++seen === index ? issue.fix : line)).join('\n');
          } else input.value = issue.fix;
          input.dispatchEvent(new Event('change'));
        });
        out.append(use);
      }
    }
  });
}
