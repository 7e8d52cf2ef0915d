// The reviewer's county view: one line per department for a year, sorting, filters, a line
// opening its forms and its 汇总表, year on year, live figures after an edit, CSV and Excel
// exports and print.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { openApp, useApp } = require('./harness');

const suite = useApp({ tmp: true });
const ROOT = path.resolve(__dirname, '..', '..');
const SEED = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'v1', 'seed_samples.json'), 'utf8'));

async function save(page, trigger) {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120000 }), trigger()]);
  const file = path.join(suite.tmp, download.suggestedFilename());
  await download.saveAs(file);
  return file;
}

/** The seed's forms, a poor form of another department, and 招商引资 of the year before. */
function county() {
  const zhaoshang = SEED.evaluations[1];
  const copy = (o) => JSON.parse(JSON.stringify(o));
  const poor = copy(zhaoshang);
  poor.id = 'cz-1';
  poor.department = '衡山县财政局';
  poor.project_name = '财政监督检查';
  poor.funds.claimed = '1';
  poor.indicators.forEach((r, i) => {
    r.id = `cz-1-r${i}`;
    r.claimed = '1';
    r.actual = r.target;
  });
  const before = copy(zhaoshang);
  before.id = 'zs-2021';
  before.year = '2021';
  before.indicators.forEach((r, i) => (r.id = `zs-2021-r${i}`));
  return { ...SEED, evaluations: [...SEED.evaluations, poor, before] };
}

/** A fresh page with `file` imported and confirmed. */
async function openWithImport(file) {
  const opened = await openApp(suite.browser, suite.srv.url);
  await opened.page.setInputFiles('[data-testid="import-file"]', file);
  await opened.page.click('[data-testid="confirm-import"]');
  await opened.page.waitForSelector('[data-testid="import-done"]');
  return opened;
}

const lineTexts = (page) => page.$$eval('tr.county-line', (rows) => rows.map((r) => r.dataset.department));
const cell = (page, dept, col) => page.textContent(`tr.county-line[data-department="${dept}"] [data-col="${col}"]`);

test('the county view: lines per department, sorting, filters, forms, years, live figures, exports, print', async () => {
  const file = path.join(suite.tmp, 'county.json');
  fs.writeFileSync(file, JSON.stringify(county()));
  const { page, ctx, problems } = await openWithImport(file);

  await page.click('[data-testid="county-link"]');
  await page.waitForSelector('[data-testid="county"]');
  assert.equal(await page.inputValue('[data-testid="county-year"]'), '2022');
  assert.deepEqual(await lineTexts(page), ['', '衡山县商务和粮食局', '衡山县财政局']);
  assert.equal(await page.textContent('[data-testid="county-forms"]'), '5');
  // 社零 88, 招商引资 87, 储备粮 80; (87 × 119.34 + 80 × 666.59) ÷ 785.93
  assert.equal(await cell(page, '衡山县商务和粮食局', 'forms'), '3');
  assert.equal(await cell(page, '衡山县商务和粮食局', 'average'), '85.00');
  assert.equal(await cell(page, '衡山县商务和粮食局', 'weighted'), '81.06');
  assert.equal(await cell(page, '衡山县商务和粮食局', 'departing'), '2');

  // sorting by the weighted average, largest first
  await page.click('button.sort[data-sort="weighted"]');
  assert.deepEqual(await lineTexts(page), ['', '衡山县商务和粮食局', '衡山县财政局']);
  await page.click('button.sort[data-sort="weighted"]');
  assert.deepEqual(await lineTexts(page), ['衡山县财政局', '衡山县商务和粮食局', '']);

  // only 差: the poor form's department
  await page.selectOption('[data-testid="county-filter"]', 'poor');
  assert.deepEqual(await lineTexts(page), ['衡山县财政局']);
  assert.match(await page.textContent('[data-testid="county-count"]'), /列出1个部门，共3个/);
  await page.selectOption('[data-testid="county-filter"]', 'over');
  assert.deepEqual(await lineTexts(page), ['衡山县商务和粮食局']);
  await page.click('tr.county-line button.expand');
  // only the form with over-achievement is listed under its department
  assert.deepEqual(await page.$$eval('tr.county-form', (r) => r.map((x) => x.dataset.id)), ['sample-zhaoshang']);
  await page.selectOption('[data-testid="county-filter"]', 'all');
  assert.equal(await page.locator('tr.county-form').count(), 3);

  // a form opens from its line; an edit there shows in the county at once
  await page.click('tr.county-form[data-id="sample-zhaoshang"] a.open');
  await page.waitForSelector('#f-fund-claimed');
  await page.fill('#f-fund-claimed', '10');
  await page.click('[data-testid="county-link"]');
  await page.waitForSelector('[data-testid="county"]');
  // 招商引资 87 → 90: (88 + 90 + 80) ÷ 3
  assert.equal(await cell(page, '衡山县商务和粮食局', 'average'), '86.00');

  // year on year for the department
  await page.click('tr.county-line[data-department="衡山县商务和粮食局"] button:has-text("历年")');
  const years = await page.$$eval('[data-testid="county-history"] tbody tr td:first-child', (c) => c.map((x) => x.textContent));
  assert.deepEqual(years, ['2021', '2022']);

  // CSV and Excel
  const csv = await save(page, () => page.click('[data-testid="county-csv"]'));
  assert.equal(path.basename(csv), '2022_全县绩效自评汇总表.csv');
  const text = fs.readFileSync(csv, 'utf8');
  assert.ok(text.startsWith('\ufeff主管部门,项目自评表（份）'));
  assert.match(text, /\r\n衡山县商务和粮食局,3,有基础数据,785\.93,785\.93,100\.00,86\.00,/);
  const xlsx = await save(page, () => page.click('[data-testid="county-xlsx"]'));
  assert.match(path.basename(xlsx), /^2022_\d{8}_全县绩效自评汇总表\.xlsx$/);
  assert.equal(fs.readFileSync(xlsx).subarray(0, 2).toString(), 'PK');

  // the department's 汇总表 opens from its name
  await page.click('tr.county-line[data-department="衡山县商务和粮食局"] a.open-summary');
  await page.waitForSelector('[data-testid="weighted-average"]');
  assert.match(decodeURIComponent(page.url()), /#\/s\/2022\/衡山县商务和粮食局$/);

  // print: the table without the tools
  await page.goto(suite.srv.url + '#/county/2022');
  await page.waitForSelector('[data-testid="county"]');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.county .toolbar').isVisible(), false);
  assert.equal(await page.locator('.county-tools').isVisible(), false);
  assert.equal(await page.locator('table.county-table').isVisible(), true);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('after a reload the county view opens with each form\'s figures kept from the last visit, never stale ones', async () => {
  const file = path.join(suite.tmp, 'county-cache.json');
  fs.writeFileSync(file, JSON.stringify(county()));
  const { page, ctx, problems } = await openWithImport(file);
  // the figures cache is written by the background pass after start: reload to get it
  await page.reload();
  await page.waitForSelector('[data-testid="county-link"]');
  const cached = async () => page.evaluate(() => localStorage.getItem('ziping:figures'));
  for (let i = 0; i < 100 && !(await cached()); i++) await page.waitForTimeout(100);
  assert.ok(await cached(), 'the figures cache is written');
  // opened straight after a reload: the kept figures, as the rules give them
  await page.reload();
  await page.click('[data-testid="county-link"]');
  await page.waitForSelector('[data-testid="county"]');
  assert.equal(await cell(page, '衡山县商务和粮食局', 'average'), '85.00');
  assert.equal(await cell(page, '衡山县财政局', 'average'), '7.00');
  // a form edited after the cache was written is assessed again, not shown as it was: 财政局's
  // only form claims 1 for execution; 10 makes its total 16
  await page.goto(suite.srv.url + '#/e/cz-1');
  await page.waitForSelector('#f-fund-claimed');
  await page.fill('#f-fund-claimed', '10');
  for (let i = 0; i < 50; i++) {
    const saved = await page.evaluate(() => document.querySelector('.save-status')?.textContent || '');
    if (/已保存/.test(saved)) break;
    await page.waitForTimeout(100);
  }
  await page.waitForTimeout(1200);
  await page.reload();
  await page.click('[data-testid="county-link"]');
  await page.waitForSelector('[data-testid="county"]');
  assert.equal(await cell(page, '衡山县财政局', 'average'), '16.00');
  assert.equal(await cell(page, '衡山县商务和粮食局', 'average'), '85.00');
  // a cache left by another build is ignored, not shown
  await page.evaluate(() => localStorage.setItem('ziping:figures', 'Z\u0801damaged'));
  await page.reload();
  await page.click('[data-testid="county-link"]');
  await page.waitForSelector('[data-testid="county"]');
  assert.equal(await cell(page, '衡山县财政局', 'average'), '16.00');
  assert.deepEqual(problems, []);
  await ctx.close();
});
