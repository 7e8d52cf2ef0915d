// The department form (R7) and the 汇总表 in a real browser.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { openApp, useApp } = require('./harness');

const suite = useApp({ tmp: false });

const fig = (page, key) => page.textContent(`[data-figure="${key}"] .value`);

test('the seed department form shows the seed figures live, with formulas and the unit slip flagged', async () => {
  const { ctx, page, problems, foreign } = await openApp(suite.browser, suite.srv.url);
  await page.click('button[data-sample="sample-dept"]');
  await page.waitForSelector('[data-figure="assets.net"]');
  assert.equal(await fig(page, 'expenditure.basic_share'), '34.31%');
  assert.equal(await fig(page, 'expenditure.project_share'), '65.69%');
  assert.equal(await fig(page, 'three_public.final_sum'), '9.81');
  assert.equal(await fig(page, 'procurement.sum'), '54.15');
  assert.equal(await fig(page, 'assets.net'), '390.89');
  assert.equal(await fig(page, 'income.difference'), '+2011.25');
  // the formula is beside the figure and on hover
  const title = await page.getAttribute('[data-figure="expenditure.basic_share"]', 'title');
  assert.equal(title, '基本支出决算 915.76 ÷ 总支出决算 2669.35');
  // "9.81元" is flagged beside its field
  const total = page.locator('input[aria-label="“三公”经费合计决算数"]');
  assert.equal(await total.inputValue(), '9.81元');
  const cell = page.locator('td:has(input[aria-label="“三公”经费合计决算数"])');
  assert.match(await cell.locator('.note.warning').textContent(), /9\.81元.*万元/);
  // live: fix the liabilities and the net assets follow, with a mismatch against the stated one
  const liabilities = page.locator('input[aria-label="负债总额"]');
  await liabilities.fill('8800');
  assert.equal(await fig(page, 'assets.net'), '473.20');
  assert.ok((await page.textContent('aside.diagnostics')).includes('填报的净资产390.89≠资产总额−负债总额473.20'));
  // fix the unit slip: the warning goes
  await total.fill('9.81');
  assert.equal(await cell.locator('.note.warning').count(), 0);
  // saved and restored
  await page.reload();
  await page.waitForSelector('[data-figure="assets.net"]');
  assert.equal(await fig(page, 'assets.net'), '473.20');
  assert.deepEqual(problems, []);
  assert.deepEqual(foreign, []);
  await ctx.close();
});

test('the summary updates live when a score changes in one of two projects', async () => {
  const { ctx, page, problems } = await openApp(suite.browser, suite.srv.url);
  // two projects of the same department and year
  await page.click('[data-testid="new-evaluation"]');
  await page.fill('#f-h-ProjectName', '农村公路养护');
  await page.fill('#f-h-Department', '某县交通运输局');
  await page.fill('#f-h-Year', '2023');
  await page.fill('input[aria-label="年度资金总额全年预算数"]', '100');
  await page.fill('input[aria-label="年度资金总额全年执行数"]', '80');
  await page.goto(suite.srv.url + '#/');
  await page.click('[data-testid="new-evaluation"]');
  await page.fill('#f-h-ProjectName', '客运站补贴');
  await page.fill('#f-h-Department', '某县交通运输局');
  await page.fill('#f-h-Year', '2023');
  await page.fill('input[aria-label="年度资金总额全年预算数"]', '300');
  await page.fill('input[aria-label="年度资金总额全年执行数"]', '300');
  await page.goto(suite.srv.url + '#/');
  await page.click('.group:has-text("某县交通运输局") a.open-summary');
  await page.waitForSelector('table.summary-table');
  const totals = () => page.$$eval('[data-testid="summary-total"]', (els) => els.map((e) => e.textContent));
  // blank forms: only the execution scores count (8 and 10)
  assert.deepEqual(await totals(), ['8.00', '10.00']);
  // (8 × 100 + 10 × 300) ÷ 400
  assert.equal(await page.textContent('[data-testid="weighted-average"]'), '9.50');
  // open the first project from its row, change a score, come back
  await page.click('table.summary-table a.open >> nth=0');
  await page.waitForSelector('#f-fund-claimed');
  await page.fill('#f-fund-claimed', '6');
  await page.goBack();
  await page.waitForSelector('table.summary-table');
  assert.deepEqual(await totals(), ['6.00', '10.00']);
  assert.equal(await page.textContent('[data-testid="weighted-average"]'), '9.00');
  assert.match(await page.textContent('[data-testid="grade-distribution"]'), /差 2个/);
  // the chart draws one bar group per project
  assert.equal(await page.locator('figure.summary-chart g.bar').count(), 2);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('a project form shows its score chart', async () => {
  const { ctx, page, problems } = await openApp(suite.browser, suite.srv.url);
  await page.click('button[data-sample="sample-zhaoshang"]');
  await page.waitForSelector('figure.score-chart');
  const labels = await page.$$eval('figure.score-chart g.bar text:first-child', (els) => els.map((e) => e.textContent));
  assert.deepEqual(labels.slice(0, 3), ['预算执行率', '产出指标', '数量指标']);
  assert.match(await page.textContent('figure.score-chart'), /自评 7\.00 · 规则 10\.00 \/ 10\.00/);
  assert.deepEqual(problems, []);
  await ctx.close();
});
