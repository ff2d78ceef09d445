#!/usr/bin/env node
// A real browser for one `pkjwt login` test, run through BROWSER:
//   BROWSER="node --experimental-websocket tests/chromium.mjs"
// Starts headless Chromium (PKJWT_CHROMIUM, default `chromium`) on the
// authorization URL (the last argument) and drives it over the DevTools
// protocol: on every page with a POST form (oidc-provider's development
// login and consent pages) it fills login/password and submits; Chromium
// itself follows the redirects and calls pkjwt's loopback callback. Ends
// when the page says the login is complete or failed (printed on stderr),
// or after 60 s. Node's standard library only.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const url = process.argv[process.argv.length - 1];
const profileDir = mkdtempSync(join(tmpdir(), 'pkjwt-chromium-'));
const chrome = spawn(process.env.PKJWT_CHROMIUM || 'chromium', [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-dev-shm-usage', `--user-data-dir=${profileDir}`, '--remote-debugging-port=0', url,
], { stdio: ['ignore', 'ignore', 'pipe'] });

const sleep = (ms) => new Promise((r) => { setTimeout(r, ms); });
function finish(code, msg) {
  if (msg) console.error(`chromium.mjs: ${msg}`);
  chrome.kill('SIGKILL');
  try { rmSync(profileDir, { recursive: true, force: true }); } catch { /* ignore */ }
  process.exit(code);
}
setTimeout(() => finish(1, 'gave up after 60 s'), 60000).unref();

const devtools = await new Promise((resolve) => {
  let buf = '';
  chrome.stderr.on('data', (d) => {
    buf += d;
    const m = buf.match(/DevTools listening on (ws:\/\/[^\s]+)/);
    if (m) resolve(new URL(m[1]));
  });
  chrome.on('exit', (c) => finish(1, `chromium exited (${c}): ${buf.slice(-500)}`));
});

let page;
for (let i = 0; i < 50 && !page; i += 1) {
  const list = await (await fetch(`http://${devtools.host}/json/list`)).json();
  page = list.find((t) => t.type === 'page');
  if (!page) await sleep(100);
}
const ws = new WebSocket(page.webSocketDebuggerUrl);
await new Promise((r) => { ws.onopen = r; });
let id = 0;
const pending = new Map();
ws.onmessage = (e) => {
  const m = JSON.parse(e.data);
  if (m.id && pending.has(m.id)) { pending.get(m.id)(m); pending.delete(m.id); }
};
function evaluate(expression) {
  id += 1;
  ws.send(JSON.stringify({ id, method: 'Runtime.evaluate', params: { expression, returnByValue: true } }));
  return new Promise((r) => { pending.set(id, (m) => r(m.result?.result?.value)); });
}

const STEP = `(() => {
  const text = document.body ? document.body.innerText : '';
  if (/Login complete|Login failed/.test(text)) return 'done:' + text;
  const f = document.querySelector('form[method=post]');
  if (!f || f.dataset.pkjwtSubmitted) return 'wait';
  const l = f.querySelector('[name=login]'); if (l) l.value = 'alice';
  const p = f.querySelector('[name=password]'); if (p) p.value = 'secret';
  f.dataset.pkjwtSubmitted = '1';
  f.submit();
  return 'submitted ' + location.pathname;
})()`;

for (;;) {
  const r = await evaluate(STEP);
  if (typeof r === 'string' && r.startsWith('done:')) finish(0, r.slice(5).trim());
  await sleep(250);
}
