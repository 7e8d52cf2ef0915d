// The single-file edition (dist-single/ziping.html, built by scripts/single-file.js) opened from
// file://, as from an e-mail attachment: it computes, keeps its data in localStorage across a
// reload, exports a JSON file and imports it in another profile, and requests nothing.
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
