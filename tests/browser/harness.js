// Test harness: serves dist/ on 127.0.0.1 with a plain static server and drives Debian's
// Chromium headless through playwright-core (no browser download). Every page gets a fresh
// profile unless a test reuses its context (reloads).
'use strict';
const http = require('http');
const fs = require('fs');
const path = require('path');
const os = require('os');
const { before, after } = require('node:test');
const { chromium } = require('playwright-core');

const DIST = path.resolve(__dirname, '..', '..', 'dist');
const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/**
 * Serves `root` on 127.0.0.1. `prefix` mounts it under a sub-path (`/apps/ziping/`);
 * `mime` overrides content types by extension, to rehearse misconfigured servers;
 * `rewrite` maps a file name to a function of its text, to rehearse older browsers;
 * `pretty` rehearses a host with "pretty" addresses: `/name.html` redirects to `/name`, which
 * serves `name.html`.
 */
function serve(root = DIST, { prefix = '/', mime = {}, rewrite = {}, pretty = false } = {}) {
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    throw new Error(`${root}/index.html missing: run "trunk build --release" first`);
  }
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (!url.pathname.startsWith(prefix)) {
      res.writeHead(404).end('not found');
      return;
    }
    let file = path.normalize(path.join(root, decodeURIComponent(url.pathname.slice(prefix.length - 1))));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    if (pretty && file.endsWith('.html')) {
      res.writeHead(301, { Location: url.pathname.slice(0, -'.html'.length) }).end();
      return;
    }
    if (pretty && !path.extname(file) && fs.existsSync(file + '.html')) file += '.html';
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (err, data) => {
      if (err) {
        res.writeHead(404).end('not found');
        return;
      }
      const ext = path.extname(file);
      const change = rewrite[path.basename(file)];
      if (change) data = Buffer.from(change(data.toString('utf8')));
      res.writeHead(200, { 'Content-Type': mime[ext] || MIME[ext] || 'application/octet-stream' });
      res.end(data);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ server, url: `http://127.0.0.1:${port}${prefix}`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Opens the app in a fresh context. Collects console errors, page errors and every request
 * that leaves the test server's origin, so tests can assert none happened.
 */
/** Every request any page made to another origin, for the files' after-hooks to assert empty. */
const allForeign = [];

/** Fails when any page of this test file requested anything outside the test server. */
function assertNoForeignRequests() {
  if (allForeign.length) {
    throw new Error(`requests left 127.0.0.1: ${allForeign.join(', ')}`);
  }
}

async function openApp(browser, base, { context } = {}) {
  const ctx = context || (await browser.newContext({ locale: 'zh-CN' }));
  const page = await ctx.newPage();
  const problems = [];
  const foreign = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(base) && !url.startsWith('data:') && !url.startsWith('blob:')) {
      foreign.push(url);
      allForeign.push(url);
    }
  });
  await page.goto(base);
  await page.waitForSelector('.app-header');
  return { ctx, page, problems, foreign };
}

/**
 * The usual set-up of a test file: a server for dist/, one browser, optionally a temporary folder;
 * torn down after the file, which then fails if any page requested another origin.
 */
function useApp({ tmp = false } = {}) {
  const env = {};
  before(async () => {
    env.srv = await serve();
    env.browser = await launch();
    if (tmp) env.tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ziping-test-'));
  });
  after(async () => {
    await env.browser?.close();
    await env.srv?.close();
    if (env.tmp) fs.rmSync(env.tmp, { recursive: true, force: true });
    // CSP and design: nothing the app did may reach another origin
    assertNoForeignRequests();
  });
  return env;
}

module.exports = { serve, launch, openApp, useApp, assertNoForeignRequests, DIST };
