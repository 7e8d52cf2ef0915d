// Nothing lost, nothing let in: a panic is survivable, hostile text stays text, no other origin.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { openApp, useApp } = require('./harness');
const { storedDoc, until } = require('./stored');

const suite = useApp({ tmp: true });

test('a panic shows the recovery screen with the panic text and a working export', async () => {
  const { ctx, page } = await openApp(suite.browser, suite.srv.url);
  await page.click('button[data-sample="sample-zhaoshang"]');
  await page.waitForSelector('[data-testid="total"]');
  await page.waitForFunction(() => localStorage.getItem('ziping:eval:sample-zhaoshang'));
  const stored = await page.evaluate(() => localStorage.getItem('ziping:eval:sample-zhaoshang'));
  // a deliberate crash at start-up
  await page.goto(suite.srv.url + '#/__selftest-panic');
  await page.reload();
  await page.waitForSelector('#ziping-recovery');
  assert.match(await page.textContent('[data-testid="recovery-detail"]'), /自检：人为触发的程序错误/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="recovery-export"]')]);
  const file = path.join(suite.tmp, download.suggestedFilename());
  await download.saveAs(file);
  const env = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.equal(env.type, 'ziping-export');
  assert.equal(env.evaluations.length, 1);
  assert.equal(env.evaluations[0].project_name, '招商引资');
  // the stored data is intact
  assert.equal(await page.evaluate(() => localStorage.getItem('ziping:eval:sample-zhaoshang')), stored);
  // and the file imports into a fresh profile
  const b = await openApp(suite.browser, suite.srv.url);
  await b.page.setInputFiles('[data-testid="import-file"]', file);
  await b.page.click('[data-testid="confirm-import"]');
  await b.page.waitForSelector('table.eval-list a.open:has-text("招商引资")');
  await b.ctx.close();
  await ctx.close();
});

test('hostile text in an imported file is rendered as text and runs nothing', async () => {
  const { ctx, page, problems, foreign } = await openApp(suite.browser, suite.srv.url);
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
  const file = path.join(suite.tmp, 'evil.json');
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
  const { ctx, page, problems } = await openApp(suite.browser, suite.srv.url);
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
  const ctx = await suite.browser.newContext();
  await ctx.addInitScript(() => {
    const realSet = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) {
      if (window.__full && k.startsWith('ziping:')) throw new DOMException('full', 'QuotaExceededError');
      return realSet.call(this, k, v);
    };
  });
  const { page } = await openApp(suite.browser, suite.srv.url, { context: ctx });
  await page.click('button[data-sample="sample-sheling"]');
  await page.waitForSelector('[data-testid="total"]');
  await page.waitForFunction(() => localStorage.getItem('ziping:eval:sample-sheling'));
  await page.evaluate(() => (window.__full = true));
  await page.fill('#f-h-ProjectName', '未能保存的名称');
  await page.waitForSelector('[data-testid="banner-export"]');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="banner-export"]')]);
  const file = path.join(suite.tmp, download.suggestedFilename());
  await download.saveAs(file);
  const env = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.equal(env.evaluations[0].project_name, '未能保存的名称');
  // space freed: saving resumes by itself, without another keystroke
  await page.evaluate(() => (window.__full = false));
  await until(async () => (await storedDoc(page, 'ziping:eval:sample-sheling'))?.evaluation.project_name === '未能保存的名称');
  await page.waitForSelector('[data-testid="storage-banner"]', { state: 'detached' });
  await ctx.close();
});

test('every destructive action can be undone: row delete, import replace, empty trash, department delete', async () => {
  const { ctx, page, problems } = await openApp(suite.browser, suite.srv.url);
  await page.click('button[data-sample="sample-zhaoshang"]');
  await page.waitForSelector('[data-testid="total"]');
  // delete a row, undo
  const names = () => page.$$eval('tr.indicator-row td.name textarea', (els) => els.map((e) => e.value));
  const before = await names();
  await page.locator('tr.indicator-row').nth(1).locator('button[title="删除此行"]').click();
  assert.equal((await names()).length, before.length - 1);
  assert.match(await page.textContent('[data-testid="undo-bar"]'), /其中总投资过亿项目/);
  await page.click('[data-testid="undo"]');
  assert.deepEqual(await names(), before);
  assert.equal(await page.textContent('[data-testid="total"]'), '87.00');

  // replace on import, undo
  await page.waitForTimeout(600);
  const env = await storedDoc(page, 'ziping:eval:sample-zhaoshang');
  env.evaluation.project_name = '被替换的名称';
  const file = path.join(suite.tmp, 'replace.json');
  fs.writeFileSync(file, JSON.stringify({ type: 'ziping-export', format_version: 1, app_version: 't', evaluations: [env.evaluation] }));
  await page.goto(suite.srv.url + '#/');
  await page.setInputFiles('[data-testid="import-file"]', file);
  await page.selectOption('li[data-id="sample-zhaoshang"] select', 'replace');
  await page.click('[data-testid="confirm-import"]');
  await page.waitForSelector('table.eval-list a.open:has-text("被替换的名称")');
  await page.click('[data-testid="undo"]');
  await page.waitForSelector('table.eval-list a.open:has-text("招商引资")');
  await until(async () => (await storedDoc(page, 'ziping:eval:sample-zhaoshang')).evaluation.project_name === '招商引资');

  // empty the trash, undo
  await page.locator('tr[data-id="sample-zhaoshang"] button', { hasText: '删除' }).click();
  await page.locator('[data-testid="confirm-delete"]').click();
  await page.click('[data-testid="trash"] summary');
  await page.click('button:has-text("清空回收站")');
  await page.click('button:has-text("确认清空")');
  await page.waitForSelector('[data-testid="trash"]', { state: 'detached' });
  await page.click('[data-testid="undo"]');
  await page.waitForSelector('[data-testid="trash"]');
  await page.waitForFunction(() => localStorage.getItem('ziping:trash:sample-zhaoshang'));

  // delete a department form, undo
  await page.click('button[data-sample="sample-dept"]');
  await page.waitForSelector('[data-figure="assets.net"]');
  await page.click('button:has-text("删除此表")');
  await page.click('button:has-text("确认删除")');
  await page.waitForSelector('[data-testid="undo-bar"]');
  await page.click('[data-testid="undo"]');
  await page.waitForSelector('a.open-dept');
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('closing the tab right after typing keeps the last keystroke', async () => {
  const { ctx, page } = await openApp(suite.browser, suite.srv.url);
  await page.click('[data-testid="new-evaluation"]');
  await page.waitForSelector('#f-h-ProjectName');
  await page.type('#f-h-ProjectName', '最后一个字');
  await page.close({ runBeforeUnload: true });
  const again = await ctx.newPage();
  await again.goto(suite.srv.url);
  await again.waitForSelector('table.eval-list');
  assert.match(await again.textContent('table.eval-list'), /最后一个字/);
  await ctx.close();
});
