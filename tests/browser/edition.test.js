// The page's two editions (src/ui/edition.rs): a first visit loads the clerk's edition; the county
// view, the 汇总表, the department's figures form and 复核模式 reload the page into the full one,
// which the browser then keeps. Nothing typed is lost on the way, and a browser that cannot save
// is never reloaded without being asked.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const { serve, openApp, useApp, DIST } = require('./harness');

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
  const { page, problems } = await openApp(suite.browser, suite.srv.url, { context: ctx });
  assert.equal(await edition(page), 'clerk');
  await page.click('button[data-sample="sample-zhaoshang"]');
  await page.fill('#f-fund-claimed', '10');

  await page.click('[data-testid="county-link"]');
  await page.waitForSelector('[data-testid="reload-anyway"]');
  assert.match(await page.textContent('[data-testid="full-hold"]'), /无法保存数据/);
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
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('the department\'s figures form, an address of a 汇总表 or of a department form, and a remembered 复核模式 all open in the full edition', async () => {
  // from the clerk's list: the new department form reloads into the full edition, open
  const { ctx, page, problems } = await openApp(suite.browser, suite.srv.url);
  await page.click('button[data-sample="sample-dept"]');
  await page.waitForSelector('html[data-edition="full"] [data-testid="department-xlsx"]');
  assert.match(page.url(), /#\/d\/sample-dept/);
  assert.deepEqual(problems, []);
  await ctx.close();
  for (const address of ['#/s/2022/%E8%A1%A1%E5%B1%B1%E5%8E%BF', '#/d/none']) {
    const other = await suite.browser.newContext({ locale: 'zh-CN' });
    const direct = await other.newPage();
    const fetched = modules(direct);
    await direct.goto(suite.srv.url + address);
    await direct.waitForSelector('main > *');
    assert.equal(await edition(direct), 'full', address);
    assert.deepEqual(fetched.map((f) => f.split('-')[0]), ['ziping_full'], address);
    await other.close();
  }
  // 复核模式 kept from an earlier visit (the role alone, no remembered edition)
  const third = await openApp(suite.browser, suite.srv.url);
  assert.equal(await edition(third.page), 'clerk');
  await third.page.evaluate(() => localStorage.setItem('ziping:role', 'reviewer'));
  await third.page.reload();
  await third.page.waitForSelector('html[data-edition="full"] [data-testid="reviewer-mode"]:checked');
  await third.ctx.close();
});

test('a full edition that does not start falls back once to the clerk\'s, which opens the forms and says so instead of reloading', async () => {
  // a damaged full edition: its module does not compile
  const full = fs.readdirSync(DIST).find((f) => /^ziping_full-[0-9a-f]+_bg\.wasm$/.test(f));
  const srv = await serve(DIST, { rewrite: { [full]: () => 'not a module' } });
  const ctx = await suite.browser.newContext({ locale: 'zh-CN' });
  const page = await ctx.newPage();
  let loads = 0;
  page.on('load', () => (loads += 1));
  await page.goto(srv.url);
  await page.waitForSelector('.app-header');
  await page.click('button[data-sample="sample-guanbi"]');
  await page.waitForFunction(() => localStorage.getItem('ziping:eval:sample-guanbi'));
  // this browser used the full edition before
  await page.evaluate(() => localStorage.setItem('ziping:edition', 'full'));
  loads = 0;
  await page.reload();
  await page.waitForSelector('html[data-edition="clerk"] .app-header');
  assert.equal(loads, 2, 'one reload back to the clerk\'s edition');
  // the form is there (the page opens where it was); the full edition's pages say why they do
  // not open
  assert.match(page.url(), /#\/e\/sample-guanbi$/);
  assert.equal(await page.textContent('[data-testid="total"]'), '89.00');
  await page.click('[data-testid="county-link"]');
  await page.waitForSelector('[data-testid="full-hold"]');
  assert.match(await page.textContent('[data-testid="full-hold"]'), /完整版程序）未能载入/);
  await page.waitForTimeout(300);
  assert.equal(loads, 2, 'no further reload');
  assert.equal(await edition(page), 'clerk');
  // asked to: the page tries the full edition again, which fails again, and comes back to the
  // clerk's on the same address, saying so (one try per click, no loop)
  await page.click('[data-testid="reload-anyway"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="full-hold"]'));
  await page.waitForTimeout(300);
  assert.equal(loads, 4, 'a try and one reload back');
  assert.match(page.url(), /#\/county$/);
  assert.equal(await edition(page), 'clerk');
  assert.match(await page.textContent('[data-testid="full-hold"]'), /完整版程序）未能载入/);
  // a new tab tries the full edition again (and falls back the same way)
  const tab = await ctx.newPage();
  await tab.goto(srv.url + '#/county');
  await tab.waitForSelector('[data-testid="full-hold"]');
  assert.equal(await edition(tab), 'clerk');
  await ctx.close();
  await srv.close();
});

test('a panic while the full edition starts stays on the recovery screen (no fall back, no reload)', async () => {
  const { ctx, page } = await openApp(suite.browser, suite.srv.url);
  await page.evaluate(() => localStorage.setItem('ziping:edition', 'full'));
  let loads = 0;
  page.on('load', () => (loads += 1));
  await page.goto(suite.srv.url + '#/__selftest-panic');
  await page.reload();
  await page.waitForSelector('#ziping-recovery');
  await page.waitForTimeout(500);
  assert.equal(loads, 1);
  assert.equal(await edition(page), 'full');
  assert.match(await page.textContent('#ziping-recovery'), /__selftest-panic/);
  await ctx.close();
});
