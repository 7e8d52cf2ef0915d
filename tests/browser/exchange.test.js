// Export downloads real files; importing them into a fresh profile restores the same forms.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { openApp, useApp } = require('./harness');
const { storedEvaluations } = require('./stored');

const suite = useApp({ tmp: true });

async function save(page, trigger) {
  const [download] = await Promise.all([page.waitForEvent('download'), trigger()]);
  const file = path.join(suite.tmp, download.suggestedFilename());
  await download.saveAs(file);
  return file;
}

const storedEvals = storedEvaluations;

test('JSON export of a department-year imports into a fresh profile unchanged', async () => {
  const a = await openApp(suite.browser, suite.srv.url);
  for (const k of ['sample-zhaoshang', 'sample-chubeiliang']) {
    await a.page.goto(suite.srv.url + '#/');
    await a.page.click(`button[data-sample="${k}"]`);
    await a.page.waitForSelector('[data-testid="total"]');
  }
  await a.page.fill('#f-fund-claimed', '7.5');
  await a.page.goto(suite.srv.url + '#/');
  await a.page.click('button[data-sample="sample-dept"]');
  await a.page.waitForSelector('[data-figure="assets.net"]');
  await a.page.goto(suite.srv.url + '#/');
  await a.page.waitForSelector('.group');
  const file = await save(a.page, () => a.page.click('.group button:has-text("导出本部门本年度")'));
  assert.equal(path.basename(file), '2022_衡山县商务和粮食局_部门绩效自评全部.json');
  const env = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.equal(env.type, 'ziping-export');
  assert.equal(env.format_version, 1);
  assert.equal(env.evaluations.length, 2);
  assert.equal(env.departments.length, 1);
  await a.page.waitForTimeout(600);
  const before = await storedEvals(a.page);

  // a colleague's fresh browser
  const b = await openApp(suite.browser, suite.srv.url);
  await b.page.setInputFiles('[data-testid="import-file"]', file);
  await b.page.waitForSelector('[data-testid="import-preview"]');
  assert.match(await b.page.textContent('[data-testid="import-preview"]'), /3 份表/);
  await b.page.click('[data-testid="confirm-import"]');
  await b.page.waitForSelector('[data-testid="import-done"]');
  await b.page.waitForFunction(() => Object.keys(localStorage).filter((k) => k.startsWith('ziping:eval:')).length === 2);
  await b.page.waitForTimeout(600);
  assert.deepEqual(await storedEvals(b.page), before);
  const totals = await b.page.$$eval('[data-testid="list-total"]', (els) => els.map((e) => e.textContent).sort());
  // 县级储备粮 was edited (execution 6 → 7.5) before the export
  assert.deepEqual(totals, ['81.50', '87.00']);
  assert.equal(await b.page.locator('a.open-dept').count(), 1);

  // importing the same file again: conflicts are shown and skipped unless chosen
  await b.page.setInputFiles('[data-testid="import-file"]', file);
  await b.page.waitForSelector('[data-testid="import-preview"]');
  assert.equal(await b.page.locator('.import-preview .conflict').count(), 3);
  await b.page.selectOption('li[data-id="sample-zhaoshang"] select', 'both');
  await b.page.click('[data-testid="confirm-import"]');
  await b.page.waitForSelector('[data-testid="import-done"]');
  assert.equal(await b.page.locator('table.eval-list tbody tr').count(), 3);
  assert.deepEqual(a.problems, []);
  assert.deepEqual(b.problems, []);
  await a.ctx.close();
  await b.ctx.close();
});

test('CSV export opens as UTF-8 with BOM and the indicators CSV imports back', async () => {
  const a = await openApp(suite.browser, suite.srv.url);
  await a.page.click('button[data-sample="sample-guanbi"]');
  await a.page.waitForSelector('[data-testid="total"]');
  await a.page.fill('input[aria-label="联系电话"]', '07345551234');
  await a.page.fill('#f-h-ImplementingUnit', '=cmd|"/c calc"!A1');
  const file = await save(a.page, () => a.page.click('[data-testid="export-csv"]'));
  assert.equal(path.basename(file), '2022_企业关闭破产补助经费_绩效自评指标明细.csv');
  const raw = fs.readFileSync(file);
  assert.deepEqual([...raw.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const text = raw.toString('utf8');
  assert.ok(text.includes('\r\n'));
  assert.ok(text.includes(`"'=cmd|""/c calc""!A1"`), 'formula neutralised');
  assert.ok(text.includes('"=""07345551234"""'), 'phone kept as text');
  await a.page.waitForTimeout(600);
  const before = await storedEvals(a.page);

  const b = await openApp(suite.browser, suite.srv.url);
  await b.page.setInputFiles('[data-testid="import-file"]', file);
  await b.page.waitForSelector('[data-testid="import-preview"]');
  await b.page.click('[data-testid="confirm-import"]');
  await b.page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('ziping:eval:')));
  await b.page.waitForTimeout(600);
  const after = await storedEvals(b.page);
  assert.deepEqual(after, before);
  await a.ctx.close();
  await b.ctx.close();
});

test('a bad file is refused with its message and nothing changes', async () => {
  const { ctx, page, problems } = await openApp(suite.browser, suite.srv.url);
  await page.click('button[data-sample="sample-zhaoshang"]');
  await page.waitForSelector('[data-testid="total"]');
  await page.goto(suite.srv.url + '#/');
  await page.waitForTimeout(600);
  const before = await page.evaluate(() => JSON.stringify(localStorage));
  const cases = [
    ['truncated.json', '{"type":"ziping-export","format_version":1,"evaluations":[{"id":"x"', /第1行/],
    ['newer.json', '{"type":"ziping-export","format_version":9,"app_version":"9.0.0"}', /格式版本9/],
    ['empty.json', '', /空的/],
    ['shape.json', '{"type":"ziping-export","format_version":1,"app_version":"x","evaluations":[{"id":"a","indicators":[{"weight":5}]}]}', /evaluations\[0\]\.indicators\[0\]\.weight/],
  ];
  for (const [name, content, re] of cases) {
    const f = path.join(suite.tmp, name);
    fs.writeFileSync(f, content);
    await page.setInputFiles('[data-testid="import-file"]', f);
    await page.waitForSelector('[data-testid="import-error"]');
    assert.match(await page.textContent('[data-testid="import-error"]'), re, name);
    assert.equal(await page.locator('[data-testid="import-preview"]').count(), 0);
  }
  assert.equal(await page.evaluate(() => JSON.stringify(localStorage)), before);
  assert.equal(await page.locator('table.eval-list tbody tr').count(), 1);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('dropping a file on the import area previews it like the picker', async () => {
  const { ctx, page, problems } = await openApp(suite.browser, suite.srv.url);
  const env = {
    type: 'ziping-export',
    format_version: 1,
    app_version: '0.1.0',
    evaluations: [{ id: 'dropped', project_name: '拖入的项目', year: '2024', indicators: [] }],
  };
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
    const zone = document.querySelector('.import');
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, JSON.stringify(env));
  await page.waitForSelector('[data-testid="import-preview"]');
  assert.match(await page.textContent('[data-testid="import-preview"]'), /拖入的项目 · 2024年/);
  await page.click('[data-testid="confirm-import"]');
  await page.waitForSelector('table.eval-list a.open:has-text("拖入的项目")');
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('print: the form lays out on A4 with no buttons or panels, values as text', async () => {
  const { ctx, page, problems } = await openApp(suite.browser, suite.srv.url);
  await page.click('button[data-sample="sample-zhaoshang"]');
  await page.waitForSelector('[data-testid="total"]');
  await page.emulateMedia({ media: 'print' });
  const visible = await page.evaluate(() => {
    const shown = (el) => el.offsetParent !== null || getComputedStyle(el).position === 'fixed';
    return {
      buttons: [...document.querySelectorAll('button')].filter(shown).length,
      inputs: [...document.querySelectorAll('input, textarea, select')].filter(shown).length,
      panel: shown(document.querySelector('aside.diagnostics')),
      name: [...document.querySelectorAll('.print-only')].filter(shown).map((e) => e.textContent).includes('招商引资'),
      rowBreak: getComputedStyle(document.querySelector('tr.indicator-row')).breakInside,
      signoff: document.querySelector('.signoff').innerText,
    };
  });
  assert.equal(visible.buttons, 0);
  assert.equal(visible.inputs, 0);
  assert.equal(visible.panel, false);
  assert.ok(visible.name);
  assert.equal(visible.rowBreak, 'avoid');
  assert.match(visible.signoff, /填表人：\s*彭智岳/);
  assert.match(visible.signoff, /单位负责人签字：\s*杨群/);
  const pdf = await page.pdf({ preferCSSPageSize: true });
  const text = pdf.toString('latin1');
  const pages = (text.match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.ok(pages >= 1 && pages <= 3, `pages: ${pages}`);
  assert.match(text, /\/MediaBox\s*\[\s*0 0 59[45](\.\d+)? 84[12]/, 'A4 portrait');
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('the same project sent again under another id replaces it instead of duplicating it', async () => {
  const { ctx, page, problems } = await openApp(suite.browser, suite.srv.url);
  await page.click('button[data-sample="sample-zhaoshang"]');
  await page.waitForSelector('[data-testid="total"]');
  await page.goto(suite.srv.url + '#/');
  await page.waitForFunction(() => localStorage.getItem('ziping:eval:sample-zhaoshang'));
  const [mine] = await storedEvals(page);
  // the same form from a colleague's copy of ziping: its own id, a newer edit
  const theirs = { ...mine, id: 'e-colleague', funds: { ...mine.funds, claimed: '9' }, updated_at: mine.updated_at + 1000 };
  const file = path.join(suite.tmp, 'colleague.json');
  fs.writeFileSync(file, JSON.stringify({ type: 'ziping-export', format_version: 1, app_version: 't', evaluations: [theirs] }));
  await page.setInputFiles('[data-testid="import-file"]', file);
  await page.waitForSelector('[data-testid="import-preview"]');
  const item = page.locator('li[data-id="sample-zhaoshang"]');
  assert.match(await item.textContent(), /已存在.*文件中的较新/);
  await item.locator('select').selectOption('replace');
  await page.click('[data-testid="confirm-import"]');
  await page.waitForSelector('[data-testid="import-done"]');
  assert.equal(await page.locator('table.eval-list tbody tr').count(), 1);
  await page.waitForFunction(() => Object.keys(localStorage).filter((k) => k.startsWith('ziping:eval:')).length === 1);
  const after = await storedEvals(page);
  assert.equal(after.length, 1);
  assert.equal(after[0].id, 'sample-zhaoshang');
  assert.equal(after[0].funds.claimed, '9');
  assert.deepEqual(problems, []);
  await ctx.close();
});
