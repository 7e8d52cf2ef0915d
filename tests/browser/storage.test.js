// Storage faults in a real browser: unavailable, full, and unreadable stored data.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { openApp, useApp } = require('./harness');
const { storedDoc, until } = require('./stored');

const suite = useApp({ tmp: false });

test('storage unavailable: a banner says so and the app works in memory', async () => {
  const ctx = await suite.browser.newContext();
  await ctx.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('access denied by policy', 'SecurityError');
      },
    });
  });
  const { page, problems } = await openApp(suite.browser, suite.srv.url, { context: ctx });
  const banner = page.locator('[data-testid="storage-banner"]');
  await banner.waitFor();
  assert.match(await banner.textContent(), /本地存储不可用/);
  await page.click('button[data-sample="sample-zhaoshang"]');
  assert.equal(await page.textContent('[data-testid="total"]'), '87.00');
  await page.fill('#f-fund-claimed', '10');
  assert.equal(await page.textContent('[data-testid="total"]'), '90.00');
  assert.match(await page.textContent('[data-testid="save-status"]'), /仅在内存中/);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('storage full: the failure is shown, nothing typed is lost, saving resumes when space is freed', async () => {
  const ctx = await suite.browser.newContext();
  // a switch the test flips: while on, writes fail like a full localStorage
  await ctx.addInitScript(() => {
    const realSet = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) {
      if (window.__full && k.startsWith('ziping:')) {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return realSet.call(this, k, v);
    };
  });
  const { page, problems } = await openApp(suite.browser, suite.srv.url, { context: ctx });
  await page.click('button[data-sample="sample-guanbi"]');
  await page.waitForFunction(() => localStorage.getItem('ziping:eval:sample-guanbi'));
  await page.evaluate(() => (window.__full = true));
  await page.fill('#f-h-ProjectName', '企业关闭破产补助经费（修订）');
  const banner = page.locator('[data-testid="storage-banner"]');
  await banner.waitFor();
  assert.match(await banner.textContent(), /存储空间已满/);
  assert.equal(await page.inputValue('#f-h-ProjectName'), '企业关闭破产补助经费（修订）');
  const stored = (await storedDoc(page, 'ziping:eval:sample-guanbi')).evaluation.project_name;
  assert.equal(stored, '企业关闭破产补助经费');
  // space freed: the next edit saves everything pending and the banner goes
  await page.evaluate(() => (window.__full = false));
  await page.type('#f-h-ProjectName', '！');
  await banner.waitFor({ state: 'detached' });
  const saved = (await storedDoc(page, 'ziping:eval:sample-guanbi')).evaluation.project_name;
  assert.equal(saved, '企业关闭破产补助经费（修订）！');
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('unreadable stored data is reported, kept aside and never overwritten', async () => {
  const { ctx, page, problems } = await openApp(suite.browser, suite.srv.url);
  await page.click('button[data-sample="sample-sheling"]');
  await page.waitForFunction(() => localStorage.getItem('ziping:eval:sample-sheling'));
  const broken = '{"schema_version":1,"evaluation":{"id":"x"'; // truncated
  const future = '{"schema_version":99,"evaluation":{"id":"future"}}';
  await page.evaluate(([b, f]) => {
    localStorage.setItem('ziping:eval:x', b);
    localStorage.setItem('ziping:eval:future', f);
  }, [broken, future]);
  await page.reload();
  await page.waitForSelector('[data-testid="load-problem"]');
  const msgs = await page.$$eval('[data-testid="load-problem"]', (els) => els.map((e) => e.textContent));
  assert.equal(msgs.length, 2);
  assert.ok(msgs.some((m) => m.includes('ziping:eval:x') && m.includes('不是有效的JSON')));
  assert.ok(msgs.some((m) => m.includes('ziping:eval:future') && m.includes('更新版本')));
  // the readable evaluation still loads and edits save normally
  await page.goto(suite.srv.url + '#/e/sample-sheling');
  await page.fill('#f-fund-claimed', '10');
  await until(async () => (await storedDoc(page, 'ziping:eval:sample-sheling')).evaluation.funds.claimed === '10');
  const kept = await page.evaluate(() => ({
    x: localStorage.getItem('ziping:eval:x'),
    future: localStorage.getItem('ziping:eval:future'),
    bx: localStorage.getItem('ziping:backup:ziping:eval:x'),
    bf: localStorage.getItem('ziping:backup:ziping:eval:future'),
  }));
  assert.deepEqual(kept, { x: broken, future, bx: broken, bf: future });
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('a really full localStorage: the figures cache gives way, then the save fails visibly and resumes when space is freed', async () => {
  const { ctx, page, problems } = await openApp(suite.browser, suite.srv.url);
  await page.click('button[data-sample="sample-zhaoshang"]');
  await page.waitForSelector('[data-testid="total"]');
  await page.waitForFunction(() => localStorage.getItem('ziping:eval:sample-zhaoshang'));
  // a figures cache of a known size (another build's: never read, only given way): the room it
  // takes is the room a save can have once the store is full
  await page.evaluate(() => localStorage.setItem('ziping:figures', 'x'.repeat(4000)));
  // fill what is left of the quota with another app's junk
  const filled = await page.evaluate(() => {
    const chunk = 'x'.repeat(64 * 1024);
    let i = 0;
    for (;;) {
      try {
        localStorage.setItem('junk:' + i, chunk);
        i += 1;
      } catch (e) {
        break;
      }
    }
    for (let size = 32 * 1024; size >= 1; size = Math.floor(size / 2)) {
      try {
        localStorage.setItem('junk:tail' + size, 'x'.repeat(size));
      } catch (e) {
        // keep halving until even one character does not fit
      }
    }
    return i;
  });
  assert.ok(filled > 10);
  // text packing cannot shrink: n characters of CJK that do not repeat
  const unpackable = (n, from) => Array.from({ length: n }, (_, i) => String.fromCharCode(0x4e00 + (((from + i) * 7919) % 20000))).join('');
  // an edit that grows the entry by about 600 characters saves: the cache gives way to it
  const first = '招商引资' + unpackable(400, 0);
  await page.fill('#f-h-ProjectName', first);
  await page.waitForFunction(() => localStorage.getItem('ziping:figures') === null);
  await page.waitForFunction(() => /已保存/.test(document.querySelector('[data-testid="save-status"]').textContent));
  assert.equal((await storedDoc(page, 'ziping:eval:sample-zhaoshang')).evaluation.project_name, first);
  // one that grows it by thousands more has no room left
  const name = first + unpackable(8000, 400);
  await page.fill('#f-h-ProjectName', name);
  const banner = page.locator('[data-testid="storage-banner"]');
  await banner.waitFor();
  assert.match(await banner.textContent(), /存储空间已满/);
  assert.equal(await page.textContent('[data-testid="save-status"]'), '保存失败');
  // the user frees space: the retry saves without another keystroke
  await page.evaluate(() => {
    for (const k of Object.keys(localStorage)) if (k.startsWith('junk:')) localStorage.removeItem(k);
  });
  await banner.waitFor({ state: 'detached', timeout: 10000 });
  const saved = (await storedDoc(page, 'ziping:eval:sample-zhaoshang')).evaluation.project_name;
  assert.equal(saved, name);
  assert.deepEqual(problems, []);
  await ctx.close();
});
