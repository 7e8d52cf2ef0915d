// The page's two editions (src/ui/edition.rs): a first visit loads the clerk's edition; the county
// view, the 汇总表, the department's figures form and 复核模式 reload the page into the full one,
// which the browser then keeps. Nothing typed is lost on the way, and a browser that cannot save
// is never reloaded without being asked.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { openApp, useApp } = require('./harness');

const suite = useApp();

const edition = (page) => page.getAttribute('html', 'data-edition');
/** The modules a page fetched, by file name. */
function modules(page) {
  const seen = [];
  page.on('request', (r) => {
    const m = /\/(ziping(?:_full)?-[0-9a-f]+_bg\.wasm)$/.exec(r.url());
    if (m) seen.push(m[1]);
  });
  return seen;
}

test('a first visit loads the clerk\'s edition; the county view reloads into the full one, with the last keystroke, and the browser keeps it', async () => {
  const ctx = await suite.browser.newContext({ locale: 'zh-CN' });
  const page = await ctx.newPage();
  const fetched = modules(page);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(suite.srv.url);
  await page.waitForSelector('.app-header');
  assert.equal(await edition(page), 'clerk');
  assert.equal(fetched.length, 1);
  assert.match(fetched[0], /^ziping-/);

  await page.click('button[data-sample="sample-zhaoshang"]');
  await page.fill('#f-fund-claimed', '10');
  assert.equal(await page.textContent('[data-testid="total"]'), '90.00');
  // straight from the keystroke (its save still waiting) to a page of the full edition
  await page.click('[data-testid="county-link"]');
  await page.waitForSelector('[data-testid="county"]');
  assert.equal(await edition(page), 'full');
  assert.match(fetched[fetched.length - 1], /^ziping_full-/);
  assert.match(page.url(), /#\/county$/);
  assert.equal(await page.textContent('[data-testid="county-forms"]'), '1');
  // the edit made just before the reload is there
  await page.click('tr.county-line button.expand');
  await page.click('tr.county-form[data-id="sample-zhaoshang"] a.open');
  assert.equal(await page.textContent('[data-testid="total"]'), '90.00');

  // from now on this browser starts in the full edition, on any page
  await page.goto(suite.srv.url + '#/');
  await page.reload();
  await page.waitForSelector('.app-header');
  assert.equal(await edition(page), 'full');
  assert.equal(fetched.filter((f) => f.startsWith('ziping-')).length, 1, 'the clerk\'s module is not fetched again');
  assert.deepEqual(errors, []);
  await ctx.close();

  // an address of the full edition's pages loads it at once (a link from an e-mail)
  const other = await suite.browser.newContext({ locale: 'zh-CN' });
  const direct = await other.newPage();
  const directFetched = modules(direct);
  await direct.goto(suite.srv.url + '#/county');
  await direct.waitForSelector('[data-testid="county"]');
  assert.equal(await edition(direct), 'full');
  assert.deepEqual(directFetched.map((f) => f.split('-')[0]), ['ziping_full']);
  await other.close();
});

test('复核模式 switched on in the clerk\'s edition reloads into the full edition with the mode on', async () => {
  const { ctx, page, problems } = await openApp(suite.browser, suite.srv.url);
  assert.equal(await edition(page), 'clerk');
  await page.click('button[data-sample="sample-guanbi"]');
  await page.check('[data-testid="reviewer-mode"]');
  await page.waitForSelector('html[data-edition="full"] [data-testid="reviewer-mode"]:checked');
  // the form still open, now with its 复核 parts to fill in
  assert.match(page.url(), /#\/e\/sample-guanbi$/);
  await page.waitForSelector('td.review-col input');
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('a browser that cannot save is not reloaded away from its unsaved work unless asked', async () => {
  const ctx = await suite.browser.newContext({ locale: 'zh-CN' });
  await ctx.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('access denied by policy', 'SecurityError');
      },
    });
  });
  const { page } = await openApp(suite.browser, suite.srv.url, { context: ctx });
  assert.equal(await edition(page), 'clerk');
  await page.click('button[data-sample="sample-zhaoshang"]');
  await page.fill('#f-fund-claimed', '10');

  await page.click('[data-testid="county-link"]');
  await page.waitForSelector('[data-testid="reload-anyway"]');
  assert.equal(await edition(page), 'clerk');
  // back to the list: the form typed into is still there
  await page.click('[data-testid="loading-full"] button:has-text("返回评价列表")');
  await page.click('a.open');
  assert.equal(await page.textContent('[data-testid="total"]'), '90.00');

  // 复核模式 is refused the same way (the box clears again), and says why
  await page.click('[data-testid="reviewer-mode"]');
  await page.waitForSelector('[data-testid="sync-note"]');
  assert.match(await page.textContent('[data-testid="sync-note"]'), /复核模式需要重新载入页面/);
  assert.equal(await page.isChecked('[data-testid="reviewer-mode"]'), false);
  assert.equal(await edition(page), 'clerk');

  // asked: the address takes it to the full edition, storage or not
  await page.click('[data-testid="county-link"]');
  await page.click('[data-testid="reload-anyway"]');
  await page.waitForSelector('[data-testid="county"]');
  assert.equal(await edition(page), 'full');
  await ctx.close();
});
