// Offline after the first load: with the server stopped, the page still opens and works.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { serve, launch, openApp, assertNoForeignRequests } = require('./harness');

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
  // CSP and design: nothing the app did may reach another origin
  assertNoForeignRequests();
});

test('the app shell is cached by a service worker and works with the server stopped', async () => {
  const srv = await serve();
  const { ctx, page, problems } = await openApp(browser, srv.url);
  await page.evaluate(() => navigator.serviceWorker.ready);
  const cached = await page.evaluate(async () => {
    const keys = await caches.keys();
    const cache = await caches.open(keys.find((k) => k.startsWith('ziping-')));
    return (await cache.keys()).map((r) => new URL(r.url).pathname);
  });
  assert.ok(cached.some((p) => p.endsWith('.wasm')), cached.join(','));
  assert.ok(cached.includes('/'), cached.join(','));
  // the full edition is not part of a first visit: kept once a page of it has been opened
  assert.ok(!cached.some((p) => p.includes('ziping_full')), cached.join(','));
  const reviewer = await ctx.newPage();
  await reviewer.goto(srv.url + '#/county');
  await reviewer.waitForSelector('html[data-edition="full"] [data-testid="county"]');
  await reviewer.waitForFunction(async () => {
    const cache = await caches.open((await caches.keys()).find((k) => k.startsWith('ziping-')));
    return (await cache.keys()).filter((r) => r.url.includes('ziping_full')).length === 2;
  });
  // (and back to the clerk's edition for what follows)
  await reviewer.evaluate(() => localStorage.removeItem('ziping:edition'));
  await reviewer.close();
  await page.click('button[data-sample="sample-guanbi"]');
  await page.waitForSelector('[data-testid="total"]');
  await page.waitForFunction(() => localStorage.getItem('ziping:eval:sample-guanbi'));
  srv.server.closeAllConnections();
  await srv.close();
  // a fresh load with no server at all
  await page.goto(srv.url + '#/');
  await page.reload();
  await page.waitForSelector('table.eval-list');
  await page.click('table.eval-list a.open');
  assert.equal(await page.textContent('[data-testid="total"]'), '89.00');
  // the files fetched on demand were cached too: English and the guide work offline
  await page.click('[data-testid="lang-switch"]');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await page.waitForFunction(() => document.querySelector('[data-testid="export-json"]').textContent === 'Export JSON');
  await page.click('[data-testid="help-link"]');
  await page.waitForSelector('[data-testid="help"] h3');
  assert.match(await page.textContent('[data-testid="help"]'), /Filling in a project form/);
  // the full edition, kept since its first use: the county view reloads into it offline
  assert.equal(await page.getAttribute('html', 'data-edition'), 'clerk');
  await page.click('[data-testid="county-link"]');
  await page.waitForSelector('html[data-edition="full"] [data-testid="county"]');
  assert.deepEqual(problems.filter((p) => !p.includes('Failed to load resource')), []);
  await ctx.close();
});

test('a new build is picked up: new worker, new cache, old cache deleted', async () => {
  const fs = require('fs');
  const os = require('os');
  const path = require('path');
  const { DIST } = require('./harness');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ziping-sw-'));
  fs.cpSync(DIST, root, { recursive: true });
  const srv = await serve(root);
  const { ctx, page, problems } = await openApp(browser, srv.url);
  await page.evaluate(() => navigator.serviceWorker.ready);
  const first = await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('ziping-')));
  assert.equal(first.length, 1);
  // "deploy" a new build: a changed page and a worker with a new version
  const sw = fs.readFileSync(path.join(root, 'sw.js'), 'utf8').replace(/var VERSION = '[^']*'/, "var VERSION = 'next-build'");
  fs.writeFileSync(path.join(root, 'sw.js'), sw);
  const html = fs.readFileSync(path.join(root, 'index.html'), 'utf8').replace('<title>', '<meta name="ziping-build" content="next"><title>');
  fs.writeFileSync(path.join(root, 'index.html'), html);
  await page.reload();
  await page.waitForFunction(async () => {
    const keys = (await caches.keys()).filter((k) => k.startsWith('ziping-'));
    return keys.length === 1 && keys[0] === 'ziping-next-build';
  }, null, { timeout: 15000 });
  await page.reload();
  assert.equal(await page.getAttribute('meta[name="ziping-build"]', 'content'), 'next');
  await page.waitForSelector('.app-header');
  assert.deepEqual(problems, []);
  await ctx.close();
  srv.server.closeAllConnections();
  await srv.close();
  fs.rmSync(root, { recursive: true, force: true });
});
