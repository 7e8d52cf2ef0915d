// Nothing lost, nothing let in: a panic is survivable, hostile text stays text, no other origin.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { serve, launch, openApp } = require('./harness');

let srv;
let browser;
let tmp;
before(async () => {
  srv = await serve();
  browser = await launch();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ziping-reliability-'));
});
after(async () => {
  await browser?.close();
  await srv?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('a panic shows the recovery screen with the panic text and a working export', async () => {
  const { ctx, page } = await openApp(browser, srv.url);
  await page.click('button[data-sample="sample-zhaoshang"]');
  await page.waitForSelector('[data-testid="total"]');
  await page.waitForFunction(() => localStorage.getItem('ziping:eval:sample-zhaoshang'));
  const stored = await page.evaluate(() => localStorage.getItem('ziping:eval:sample-zhaoshang'));
  // a deliberate crash at start-up
  await page.goto(srv.url + '#/__selftest-panic');
  await page.reload();
  await page.waitForSelector('#ziping-recovery');
  assert.match(await page.textContent('[data-testid="recovery-detail"]'), /自检：人为触发的程序错误/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="recovery-export"]')]);
  const file = path.join(tmp, download.suggestedFilename());
  await download.saveAs(file);
  const env = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.equal(env.type, 'ziping-export');
  assert.equal(env.evaluations.length, 1);
  assert.equal(env.evaluations[0].project_name, '招商引资');
  // the stored data is intact
  assert.equal(await page.evaluate(() => localStorage.getItem('ziping:eval:sample-zhaoshang')), stored);
  // and the file imports into a fresh profile
  const b = await openApp(browser, srv.url);
  await b.page.setInputFiles('[data-testid="import-file"]', file);
  await b.page.click('[data-testid="confirm-import"]');
  await b.page.waitForSelector('table.eval-list a.open:has-text("招商引资")');
  await b.ctx.close();
  await ctx.close();
});

test('hostile text in an imported file is rendered as text and runs nothing', async () => {
  const { ctx, page, problems, foreign } = await openApp(browser, srv.url);
  await page.exposeFunction('__pwned', () => problems.push('script ran'));
  const evil = '<img src=x onerror="window.__pwned()"><script>window.__pwned()</script>';
  const env = {
    type: 'ziping-export',
    format_version: 1,
    app_version: 'test',
    evaluations: [{
      id: 'evil',
      project_name: evil,
      department: evil,
      implementing_unit: evil,
      year: evil,
      funds: { total: { initial_budget: evil, annual_budget: evil, executed: evil }, claimed: evil, reason: evil },
      goal: { expected: evil, achieved: evil },
      indicators: [{ id: 'evil-r0', level2: 'Quantity', name: evil, target: evil, actual: evil, weight: evil, claimed: evil, reason: evil }],
      sign_off: { preparer: evil, date: evil, phone: evil, head: evil },
    }],
  };
  const file = path.join(tmp, 'evil.json');
  fs.writeFileSync(file, JSON.stringify(env));
  await page.setInputFiles('[data-testid="import-file"]', file);
  await page.click('[data-testid="confirm-import"]');
  await page.waitForSelector('table.eval-list a.open');
  assert.equal(await page.textContent('table.eval-list a.open'), evil);
  await page.click('table.eval-list a.open');
  await page.waitForSelector('#f-h-ProjectName');
  assert.equal(await page.inputValue('#f-h-ProjectName'), evil);
  await page.waitForTimeout(300);
  assert.equal(await page.locator('img[src="x"]').count(), 0);
  assert.equal(await page.locator('main script').count(), 0);
  assert.deepEqual(problems, []);
  assert.deepEqual(foreign, []);
  await ctx.close();
});

test('a 1 MB string in a text field and Decimal-overflowing numbers do not break the page', async () => {
  const { ctx, page, problems } = await openApp(browser, srv.url);
  await page.click('button[data-sample="sample-guanbi"]');
  await page.waitForSelector('[data-testid="total"]');
  const big = '长'.repeat(1024 * 1024);
  await page.fill('textarea[aria-label="偏差原因分析及改进措施"] >> nth=0', big);
  await page.fill('input[aria-label="分值"] >> nth=0', '79228162514264337593543950336');
  assert.match(await page.textContent('aside.diagnostics'), /数值过大/);
  await page.fill('input[aria-label="分值"] >> nth=0', '1e40');
  assert.match(await page.textContent('aside.diagnostics'), /科学计数法/);
  await page.fill('input[aria-label="分值"] >> nth=0', '30');
  assert.equal(await page.textContent('[data-testid="total"]'), '89.00');
  assert.equal((await page.inputValue('textarea[aria-label="偏差原因分析及改进措施"] >> nth=0')).length, big.length);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('quota exceeded offers an export of everything', async () => {
  const ctx = await browser.newContext();
  await ctx.addInitScript(() => {
    const realSet = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) {
      if (window.__full && k.startsWith('ziping:')) throw new DOMException('full', 'QuotaExceededError');
      return realSet.call(this, k, v);
    };
  });
  const { page } = await openApp(browser, srv.url, { context: ctx });
  await page.click('button[data-sample="sample-sheling"]');
  await page.waitForSelector('[data-testid="total"]');
  await page.waitForFunction(() => localStorage.getItem('ziping:eval:sample-sheling'));
  await page.evaluate(() => (window.__full = true));
  await page.fill('#f-h-ProjectName', '未能保存的名称');
  await page.waitForSelector('[data-testid="banner-export"]');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="banner-export"]')]);
  const file = path.join(tmp, download.suggestedFilename());
  await download.saveAs(file);
  const env = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.equal(env.evaluations[0].project_name, '未能保存的名称');
  // space freed: saving resumes by itself, without another keystroke
  await page.evaluate(() => (window.__full = false));
  await page.waitForFunction(() => {
    const raw = localStorage.getItem('ziping:eval:sample-sheling');
    return raw && JSON.parse(raw).evaluation.project_name === '未能保存的名称';
  }, null, { timeout: 10000 });
  await page.waitForSelector('[data-testid="storage-banner"]', { state: 'detached' });
  await ctx.close();
});
