// The single-file edition (dist-single/ziping.html, built by scripts/single-file.js) opened from
// file://, as from an e-mail attachment: it computes, keeps its data in localStorage across a
// reload, exports JSON, Excel and Word files and imports them in another profile, and requests
// nothing.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { launch } = require('./harness');

const FILE = path.resolve(__dirname, '..', '..', 'dist-single', 'ziping.html');
const URL_ = 'file://' + FILE;
let browser;
let tmp;
before(async () => {
  if (!fs.existsSync(FILE)) throw new Error(`${FILE} missing: run "node scripts/single-file.js dist dist-single/ziping.html"`);
  browser = await launch();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ziping-single-'));
});
after(async () => {
  await browser?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function open(ctx) {
  const page = await ctx.newPage();
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('request', (r) => {
    if (!/^(file|data|blob):/.test(r.url())) problems.push(`request: ${r.url()}`);
  });
  await page.goto(URL_);
  await page.waitForSelector('.app-header');
  return { page, problems };
}

test('ziping.html is one file: no reference to another file', () => {
  const html = fs.readFileSync(FILE, 'utf8');
  assert.doesNotMatch(html, /<(script|link)[^>]*\s(src|href)="\.\//);
  assert.match(html, /ZIPING_WASM_BASE64 = "AGFzbQ/); // "\0asm"
  assert.doesNotMatch(html, /unsafe-inline/);
});

test('from file://: computes, survives a reload, exports and imports', async () => {
  const ctx = await browser.newContext({ locale: 'zh-CN', acceptDownloads: true });
  const { page, problems } = await open(ctx);
  await page.click('button[data-sample="sample-zhaoshang"]');
  await page.waitForSelector('[data-testid="total"]');
  assert.equal(await page.textContent('[data-testid="total"]'), '87.00');
  await page.fill('#f-fund-claimed', '7.5');
  await page.waitForFunction(() => document.querySelector('[data-testid="total"]').textContent === '87.50');
  await page.waitForTimeout(600); // the debounced save

  await page.reload();
  await page.waitForSelector('.app-header');
  await page.goto(URL_ + '#/');
  await page.waitForSelector('[data-testid="list-total"]');
  assert.deepEqual(await page.$$eval('[data-testid="list-total"]', (els) => els.map((e) => e.textContent)), ['87.50']);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('.group button:has-text("导出本部门本年度")'),
  ]);
  const file = path.join(tmp, download.suggestedFilename());
  await download.saveAs(file);
  assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).evaluations.length, 1);
  assert.deepEqual(problems, []);
  await ctx.close();

  const other = await browser.newContext({ locale: 'zh-CN' });
  const b = await open(other);
  assert.equal(await b.page.locator('[data-testid="list-total"]').count(), 0);
  await b.page.setInputFiles('[data-testid="import-file"]', file);
  await b.page.waitForSelector('[data-testid="import-preview"]');
  await b.page.click('[data-testid="confirm-import"]');
  await b.page.waitForSelector('[data-testid="import-done"]');
  await b.page.waitForSelector('[data-testid="list-total"]');
  assert.deepEqual(await b.page.$$eval('[data-testid="list-total"]', (els) => els.map((e) => e.textContent)), ['87.50']);
  assert.deepEqual(b.problems, []);
  await other.close();
});

test('from file://: the office module starts from the page itself and reads a workbook and a paste', async () => {
  const html = fs.readFileSync(FILE, 'utf8');
  assert.match(html, /ZIPING_OFFICE_WASM_BASE64 = "AGFzbQ/);
  assert.match(html, /worker-src blob:/);
  const ctx = await browser.newContext({ locale: 'zh-CN' });
  const { page, problems } = await open(ctx);
  const fixtures = process.env.ZIPING_OFFICE_FIXTURES || path.resolve(__dirname, '..', '..', 'office', 'tests', 'fixtures');
  await page.setInputFiles('[data-testid="import-file"]', path.join(fixtures, 'formats.xlsx'));
  await page.waitForSelector('[data-testid="import-preview"]');
  assert.equal(await page.locator('[data-testid="recognised-form"]').count(), 2);
  await page.click('[data-testid="confirm-import"]');
  await page.waitForSelector('[data-testid="import-done"]');
  const totals = await page.$$eval('[data-testid="list-total"]', (els) => els.map((e) => e.textContent).sort());
  assert.deepEqual(totals, ['100.00', '96.50']);
  // a paste of Excel's clipboard HTML
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.setData('text/html', '<table><tr><td>项目名称</td><td colspan=3>粘贴的项目</td></tr>' +
      '<tr><td>二级指标</td><td>三级指标</td><td>年度指标值</td><td>实际完成值</td></tr>' +
      '<tr><td>数量指标</td><td>培训人数</td><td>≥100人</td><td>120人</td></tr></table>');
    dt.setData('text/plain', '项目名称\t粘贴的项目\n二级指标\t三级指标\t年度指标值\t实际完成值\n数量指标\t培训人数\t≥100人\t120人\n');
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  });
  await page.waitForSelector('[data-testid="import-preview"]');
  assert.match(await page.textContent('[data-testid="import-preview"]'), /粘贴的项目/);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('from file://: Excel and Word exports download as real files', async () => {
  const ctx = await browser.newContext({ locale: 'zh-CN', acceptDownloads: true });
  const { page, problems } = await open(ctx);
  await page.click('button[data-sample="sample-zhaoshang"]');
  await page.waitForSelector('[data-testid="total"]');
  for (const [button, name] of [
    ['export-xlsx', '2022_衡山县商务和粮食局_招商引资_项目支出绩效自评表.xlsx'],
    ['export-docx', '2022_衡山县商务和粮食局_招商引资_项目支出绩效自评表.docx'],
  ]) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid="${button}"]`)]);
    assert.equal(download.suggestedFilename(), name);
    const file = path.join(tmp, name);
    await download.saveAs(file);
    const bytes = fs.readFileSync(file);
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK');
    // a zip of the expected parts (their names are in its directory)
    assert.ok(bytes.includes(Buffer.from(button === 'export-xlsx' ? 'xl/worksheets/sheet1.xml' : 'word/document.xml')));
  }
  assert.deepEqual(problems, []);
  await ctx.close();
});
