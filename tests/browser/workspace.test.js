// The workspace: grouped by department and year, search, sort, duplicate, trash with undo.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { openApp, useApp } = require('./harness');

const suite = useApp({ tmp: false });

async function addSamples(page, keys) {
  for (const k of keys) {
    await page.goto(suite.srv.url + '#/');
    await page.click(`button[data-sample="${k}"]`);
    await page.waitForSelector('[data-testid="total"]');
  }
  await page.goto(suite.srv.url + '#/');
  await page.waitForSelector('table.eval-list');
}

const names = (page) => page.$$eval('table.eval-list a.open', (els) => els.map((e) => e.textContent));

test('grouped by department and year, searchable and sortable, with error counts', async () => {
  const { ctx, page, problems } = await openApp(suite.browser, suite.srv.url);
  await addSamples(page, ['sample-zhaoshang', 'sample-chubeiliang', 'sample-sheling', 'sample-guanbi']);
  const heads = await page.$$eval('.group-head', (els) => els.map((e) => e.textContent));
  assert.equal(heads.length, 2);
  assert.ok(heads.some((h) => h.includes('衡山县商务和粮食局 · 2022年') && h.includes('3个项目')));
  assert.ok(heads.some((h) => h.includes('未填主管部门')));
  // sort by score within the group: 88, 87, 80
  await page.selectOption('select[aria-label="排序"]', 'score');
  const sorted = await names(page);
  assert.deepEqual(sorted.filter((n) => n !== '企业关闭破产补助经费'), ['社零工作经费', '招商引资', '县级储备粮、临储粮经费']);
  await page.selectOption('select[aria-label="排序"]', 'name');
  // search narrows the list
  await page.fill('input[aria-label="搜索"]', '储备粮');
  assert.deepEqual(await names(page), ['县级储备粮、临储粮经费']);
  // the error count is shown per evaluation
  assert.equal(await page.textContent('[data-testid="list-errors"]'), '10 ／ 12');
  await page.fill('input[aria-label="搜索"]', '');
  assert.equal((await names(page)).length, 4);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('duplicate as next year clears scores; delete goes to the trash and can be undone', async () => {
  const { ctx, page, problems } = await openApp(suite.browser, suite.srv.url);
  await addSamples(page, ['sample-zhaoshang']);
  await page.click('button:has-text("复制为下一年")');
  await page.waitForSelector('#f-h-Year');
  assert.equal(await page.inputValue('#f-h-Year'), '2023');
  assert.equal(await page.inputValue('#f-h-ProjectName'), '招商引资');
  assert.equal(await page.inputValue('#f-fund-claimed'), '');
  const targets = await page.$$eval('textarea[aria-label="年度指标值"]', (els) => els.map((e) => e.value));
  assert.equal(targets[1], '5个');
  const actuals = await page.$$eval('textarea[aria-label="实际完成值"]', (els) => els.map((e) => e.value));
  assert.ok(actuals.every((a) => a === ''));
  await page.goto(suite.srv.url + '#/');
  await page.waitForSelector('table.eval-list');
  assert.equal(await page.locator('.group').count(), 2);

  // delete the 2022 one: it leaves the list, an undo bar appears, the trash holds it
  const row = page.locator('.group:has-text("2022年") table.eval-list tbody tr').first();
  await row.locator('button', { hasText: '删除' }).click();
  await row.locator('[data-testid="confirm-delete"]').click();
  await page.waitForSelector('[data-testid="undo-bar"]');
  assert.equal(await page.locator('.group').count(), 1);
  assert.match(await page.textContent('[data-testid="trash"] summary'), /回收站（1）/);
  await page.waitForFunction(() => !localStorage.getItem('ziping:eval:sample-zhaoshang') && localStorage.getItem('ziping:trash:sample-zhaoshang'));
  // undo brings it back, stored again
  await page.click('[data-testid="undo"]');
  assert.equal(await page.locator('.group').count(), 2);
  assert.equal(await page.locator('[data-testid="trash"]').count(), 0);
  await page.waitForFunction(() => localStorage.getItem('ziping:eval:sample-zhaoshang') && !localStorage.getItem('ziping:trash:sample-zhaoshang'));

  // the trash survives a reload; restore from it; emptying it is final
  await row.locator('button', { hasText: '删除' }).click();
  await row.locator('[data-testid="confirm-delete"]').click();
  await page.waitForFunction(() => localStorage.getItem('ziping:trash:sample-zhaoshang'));
  await page.reload();
  await page.waitForSelector('[data-testid="trash"]');
  await page.click('[data-testid="trash"] summary');
  await page.click('[data-testid="trash"] button:has-text("恢复")');
  assert.equal(await page.locator('.group').count(), 2);
  await page.locator('.group:has-text("2022年") table.eval-list tbody tr').first().locator('button', { hasText: '删除' }).click();
  await page.locator('[data-testid="confirm-delete"]').click();
  await page.click('[data-testid="trash"] summary');
  await page.click('button:has-text("清空回收站")');
  await page.click('button:has-text("确认清空")');
  await page.waitForFunction(() => !Object.keys(localStorage).some((k) => k.startsWith('ziping:trash:')));
  await page.reload();
  await page.waitForSelector('table.eval-list');
  assert.equal(await page.locator('.group').count(), 1);
  assert.equal(await page.locator('[data-testid="trash"]').count(), 0);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('a county-sized list starts folded by department and year; a group opens to its rows', async () => {
  const { storageEntries, seed } = require('../bench/workspace');
  const { page, ctx, problems } = await openApp(suite.browser, suite.srv.url);
  // 600 forms (department i % 10, year i % 4: 20 department-years of 30): over the fold limit (500)
  await seed(page, storageEntries(600, 5));
  await page.reload();
  await page.waitForSelector('[data-testid="group-fold"]');
  const groups = await page.locator('.group').count();
  assert.equal(groups, 20);
  assert.equal(await page.locator('[data-testid="group-fold"]').count(), groups);
  assert.equal(await page.locator('table.eval-list tbody tr').count(), 0, 'no row is built while folded');
  const first = page.locator('.group').first();
  assert.match(await first.locator('.group-head').textContent(), /（30个项目）/);
  await first.locator('[data-testid="group-fold"]').click();
  assert.equal(await first.locator('table.eval-list tbody tr').count(), 30);
  assert.equal(await first.locator('[data-testid="group-fold"]').getAttribute('aria-expanded'), 'true');
  // a search that leaves few forms shows them unfolded
  await page.fill('input.search', '测试项目599');
  await page.waitForFunction(() => document.querySelectorAll('table.eval-list tbody tr').length === 1);
  assert.equal(await page.locator('[data-testid="group-fold"]').count(), 0);
  assert.deepEqual(problems, []);
  await ctx.close();
});
