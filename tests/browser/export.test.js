// Excel and Word exports in a real browser: the buttons download real .xlsx/.docx files (written
// by the office module, loaded on first use), LibreOffice opens them with the figures the page
// shows, the page reads its own workbook back into the same forms, and a workspace of 1,000 forms
// exports with its progress shown while the page stays responsive.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { openApp, useApp } = require('./harness');
const { storedEvaluations } = require('./stored');
const { storageEntries } = require('../bench/workspace');

const suite = useApp({ tmp: true });

async function save(page, trigger) {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120000 }), trigger()]);
  const file = path.join(suite.tmp, download.suggestedFilename());
  await download.saveAs(file);
  return file;
}

/** The entries of a zip file (its central directory, deflated or stored entries). */
function unzip(buf) {
  const zlib = require('zlib');
  let end = buf.length - 22;
  while (end >= 0 && buf.readUInt32LE(end) !== 0x06054b50) end -= 1;
  assert.ok(end >= 0, 'a zip file');
  const count = buf.readUInt16LE(end + 10);
  let p = buf.readUInt32LE(end + 16);
  const out = {};
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50, 'a central directory entry');
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extra = buf.readUInt16LE(p + 30);
    const comment = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    out[name] = method === 8 ? zlib.inflateRawSync(data) : data;
    p += 46 + nameLen + extra + comment;
  }
  return out;
}

/** LibreOffice's PDF of a file, as text without white space. */
function printed(file) {
  const out = path.join(suite.tmp, 'lo-out');
  execFileSync(
    'soffice',
    [`-env:UserInstallation=file://${suite.tmp}/lo-profile`, '--headless', '--convert-to', 'pdf', '--outdir', out, file],
    { stdio: 'ignore', timeout: 120000 },
  );
  const pdf = path.join(out, path.basename(file).replace(/\.[^.]+$/, '.pdf'));
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf]).toString())[1]);
  const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString().replace(/\s+/g, '');
  return { pages, text };
}

async function openSamples(page, url) {
  for (const k of ['sample-zhaoshang', 'sample-chubeiliang']) {
    await page.goto(url + '#/');
    await page.click(`button[data-sample="${k}"]`);
    await page.waitForSelector('[data-testid="total"]');
  }
  await page.goto(url + '#/');
  await page.click('button[data-sample="sample-dept"]');
  await page.waitForSelector('[data-figure="assets.net"]');
  await page.goto(url + '#/');
  await page.waitForSelector('.group');
}

test('a department-year as Excel and as a Word report: real files LibreOffice prints with the figures', async () => {
  const { ctx, page, problems } = await openApp(suite.browser, suite.srv.url);
  await openSamples(page, suite.srv.url);
  const xlsx = await save(page, () => page.click('.group [data-testid="group-xlsx"]'));
  assert.equal(path.basename(xlsx), '2022_衡山县商务和粮食局_项目支出绩效自评表.xlsx');
  assert.equal(fs.readFileSync(xlsx).subarray(0, 4).toString('latin1'), 'PK\u0003\u0004');
  const docx = await save(page, () => page.click('.group [data-testid="group-report"]'));
  assert.equal(path.basename(docx), '2022_衡山县商务和粮食局_部门整体支出绩效自评报告.docx');
  // the status line goes once the file is out
  await page.waitForSelector('[data-testid="export-status"]', { state: 'detached' });

  const book = printed(xlsx);
  // the 汇总表, two forms, the department figures
  assert.equal(book.pages, 4);
  for (const s of ['衡山县商务和粮食局2022年度项目支出绩效自评汇总表', '招商引资', '87.00', '县级储备粮、临储粮经费', '80.00', '83.50', '2695.59']) {
    assert.ok(book.text.includes(s), `workbook lacks ${s}`);
  }
  const report = printed(docx);
  assert.ok(report.pages >= 4, `report pages ${report.pages}`);
  for (const s of ['衡山县商务和粮食局2022年度部门整体支出绩效自评报告', '平均得分83.50分', '（1）招商引资项目', '（2）县级储备粮、临储粮经费项目', '87.00良', '80.00良']) {
    assert.ok(report.text.includes(s), `report lacks ${s}`);
  }
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('one form as Excel and Word from the editor; the workbook reads back into the same forms', async () => {
  const a = await openApp(suite.browser, suite.srv.url);
  await openSamples(a.page, suite.srv.url);
  await a.page.click('table.eval-list a.open:has-text("招商引资")');
  await a.page.waitForSelector('[data-testid="total"]');
  await a.page.fill('#f-fund-claimed', '');
  const total = await a.page.textContent('[data-testid="total"]');
  const one = await save(a.page, () => a.page.click('[data-testid="export-xlsx"]'));
  assert.equal(path.basename(one), '2022_衡山县商务和粮食局_招商引资_项目支出绩效自评表.xlsx');
  const word = await save(a.page, () => a.page.click('[data-testid="export-docx"]'));
  assert.equal(path.basename(word), '2022_衡山县商务和粮食局_招商引资_项目支出绩效自评表.docx');
  const printedWord = printed(word);
  assert.ok(printedWord.text.includes('招商引资'));
  // the execution score left blank is the rule's, marked as such
  assert.ok(printedWord.text.includes('（按规则）'), 'the rule score is marked');

  // a colleague's fresh browser opens the workbook
  const b = await openApp(suite.browser, suite.srv.url);
  await b.page.setInputFiles('[data-testid="import-file"]', one);
  await b.page.waitForSelector('[data-testid="import-preview"]');
  assert.equal(await b.page.locator('[data-testid="recognised-form"]').count(), 1);
  await b.page.click('[data-testid="confirm-import"]');
  await b.page.waitForSelector('[data-testid="import-done"]');
  await b.page.waitForFunction(() => Object.keys(localStorage).filter((k) => k.startsWith('ziping:eval:')).length === 1);
  const [mine] = (await storedEvaluations(a.page)).filter((e) => e.project_name === '招商引资');
  const [theirs] = await storedEvaluations(b.page);
  const typed = (e) => {
    const { id, created_at, updated_at, indicators, ...rest } = e;
    return { ...rest, indicators: indicators.map(({ id: _, ...r }) => r) };
  };
  assert.deepEqual(typed(theirs), typed(mine));
  await b.page.goto(suite.srv.url + '#/');
  assert.equal(await b.page.textContent('[data-testid="list-total"]'), total.replace(/[^0-9.]/g, ''));
  assert.deepEqual(a.problems, []);
  assert.deepEqual(b.problems, []);
  await a.ctx.close();
  await b.ctx.close();
});

test('1,000 forms to one workbook: progress shown, the page answers, the file opens', async () => {
  const { ctx, page, problems } = await openApp(suite.browser, suite.srv.url);
  await page.evaluate((e) => {
    localStorage.clear();
    for (const [k, v] of Object.entries(e)) localStorage.setItem(k, v);
  }, storageEntries(1000, 30));
  await page.reload();
  await page.waitForSelector('[data-testid="export-all-xlsx"]');
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 300000 }),
    (async () => {
      await page.click('[data-testid="export-all-xlsx"]');
      const status = page.locator('[data-testid="export-status"]');
      await status.waitFor();
      await page.waitForFunction(
        () => /\d+／1000份/.test((document.querySelector('[data-testid="export-status"]') || {}).textContent || ''),
        null,
        { timeout: 120000 },
      );
      // the page is not frozen while the worker writes: typing in the search box filters the list
      const t0 = Date.now();
      await page.fill('input.search', '测试项目999');
      await page.waitForFunction(() => document.querySelectorAll('table.eval-list a.open').length === 1);
      assert.ok(Date.now() - t0 < 5000, `the page answered in ${Date.now() - t0} ms`);
    })(),
  ]);
  const file = path.join(suite.tmp, download.suggestedFilename());
  await download.saveAs(file);
  assert.match(path.basename(file), /^\d{8}_项目支出绩效自评表_1000份\.xlsx$/);
  await page.waitForSelector('[data-testid="export-status"]', { state: 'detached' });
  // a well-formed workbook of 1,001 sheets (LibreOffice opens smaller ones above and in the
  // native tests; converting 1,001 sheets would take it minutes)
  const entries = unzip(fs.readFileSync(file));
  const sheets = Object.keys(entries).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
  assert.equal(sheets.length, 1001);
  const summary = entries['xl/worksheets/sheet1.xml'].toString('utf8');
  // title, column titles, 1,000 rows, 平均
  assert.equal((summary.match(/<row /g) || []).length, 1003);
  assert.match(summary, /'测试项目1000'!H\d+/, 'the 汇总表 refers to each form sheet');
  assert.deepEqual(problems, []);
  await ctx.close();
});
