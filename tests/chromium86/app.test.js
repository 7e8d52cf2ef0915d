// The app on a real Chromium 86.0.4240 — the engine of 360极速浏览器 13 on the clerks' and
// reviewers' office PCs. There index.html's policy (with 'wasm-unsafe-eval', unknown before
// Chromium 97) refuses WebAssembly, so every visit goes through the legacy.html fallback: that is
// checked first, then what people do with the page.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { open86, unexpected, download, text, useChromium86, serve } = require('./harness');

const env = useChromium86();
const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURES = process.env.ZIPING_OFFICE_FIXTURES || path.join(ROOT, 'office', 'tests', 'fixtures');

const SAMPLES = [
  ['sample-guanbi', '企业关闭破产补助经费', '89.00'],
  ['sample-chubeiliang', '县级储备粮、临储粮经费', '80.00'],
  ['sample-zhaoshang', '招商引资', '87.00'],
  ['sample-sheling', '社零工作经费', '88.00'],
];

async function loadSample(page, base, key) {
  await page.goto(base + '#/');
  await page.waitForSelector(`button[data-sample="${key}"]`);
  await page.click(`button[data-sample="${key}"]`);
  await page.waitForSelector('[data-testid="total"]');
}

// entries are stored packed: read them as the app does
const { storedEvaluations: stored } = require('../browser/stored');

test('Chromium 86 moves to legacy.html and shows the four samples with their totals', async () => {
  const { ctx, page, problems, browser } = await open86(env.srv.url + 'index.html#/');
  assert.match(await browser.version(), /Chrome\/86\.0\.4240/);
  assert.match(page.url(), /legacy\.html#\/$/, 'the policy fallback');
  for (const [key, title, total] of SAMPLES) {
    await loadSample(page, env.srv.url, key);
    assert.equal(await page.$eval('#f-h-ProjectName', (el) => el.value), title);
    assert.equal(await text(page, '[data-testid="total"]'), total, title);
  }
  await page.goto(env.srv.url + '#/');
  await page.waitForSelector('[data-testid="list-total"]');
  const totals = await page.$$eval('[data-testid="list-total"]', (els) => els.map((e) => e.textContent));
  assert.deepEqual(totals.sort(), SAMPLES.map((s) => s[2]).sort());
  assert.deepEqual(unexpected(problems), []);
  await ctx.close();
});

test('typing recomputes live, and a reload keeps what was typed', async () => {
  const { ctx, page, problems } = await open86(env.srv.url);
  await loadSample(page, env.srv.url, 'sample-zhaoshang');
  // 其中总投资过亿项目 claims 5; typing 8 instead gives 90 and 优
  const claim = (await page.$$('tr.indicator-row input.claim-input'))[1];
  await claim.click({ clickCount: 3 });
  await page.keyboard.press('Backspace');
  await claim.type('8');
  await page.waitForFunction(() => document.querySelector('[data-testid="total"]').textContent === '90.00');
  assert.equal(await text(page, '[data-testid="grade"]'), '优');
  await page.click('#f-fund-claimed', { clickCount: 3 });
  await page.keyboard.press('Backspace');
  await page.type('#f-fund-claimed', '9');
  await page.waitForFunction(() => document.querySelector('[data-testid="total"]').textContent === '92.00');
  // reload at once: the last keystroke was saved
  await page.reload();
  await page.waitForSelector('#f-fund-claimed');
  assert.equal(await page.$eval('#f-fund-claimed', (el) => el.value), '9');
  assert.equal(await text(page, '[data-testid="total"]'), '92.00');
  assert.deepEqual(unexpected(problems), []);
  await ctx.close();
});

test('JSON and CSV exports download and import into a fresh profile', async () => {
  const a = await open86(env.srv.url);
  for (const key of ['sample-zhaoshang', 'sample-chubeiliang']) await loadSample(a.page, env.srv.url, key);
  await a.page.goto(env.srv.url + '#/');
  await a.page.waitForSelector('.group');
  const dir = path.join(env.tmp, 'json');
  const json = await download(a.page, dir, () => a.page.click('.group .group-actions button'));
  assert.equal(path.basename(json), '2022_衡山县商务和粮食局_部门绩效自评全部.json');
  assert.equal(JSON.parse(fs.readFileSync(json, 'utf8')).evaluations.length, 2);
  const csv = await download(a.page, path.join(env.tmp, 'csv'), async () => {
    const buttons = await a.page.$$('.group .group-actions button');
    await buttons[2].click(); // 指标明细CSV
  });
  assert.match(path.basename(csv), /绩效自评指标明细\.csv$/);
  assert.equal(fs.readFileSync(csv).subarray(0, 3).toString('hex'), 'efbbbf', 'UTF-8 with BOM');
  const mine = await stored(a.page);

  for (const file of [json, csv]) {
    const b = await open86(env.srv.url);
    const input = await b.page.$('[data-testid="import-file"]');
    await input.uploadFile(file);
    await b.page.waitForSelector('[data-testid="confirm-import"]');
    await b.page.click('[data-testid="confirm-import"]');
    await b.page.waitForSelector('[data-testid="import-done"]');
    await b.page.waitForFunction(() => Object.keys(localStorage).filter((k) => k.startsWith('ziping:eval:')).length === 2);
    const theirs = await stored(b.page);
    const names = (list) => list.map((e) => [e.project_name, e.indicators.length, e.funds.claimed]);
    assert.deepEqual(names(theirs), names(mine), path.basename(file));
    await b.page.goto(env.srv.url + '#/');
    await b.page.waitForSelector('[data-testid="list-total"]');
    const totals = await b.page.$$eval('[data-testid="list-total"]', (els) => els.map((e) => e.textContent).sort());
    assert.deepEqual(totals, ['80.00', '87.00']);
    assert.deepEqual(unexpected(b.problems), []);
    await b.ctx.close();
  }
  assert.deepEqual(unexpected(a.problems), []);
  await a.ctx.close();
});

test('office files and pastes: a LibreOffice workbook through the picker, an Excel paste', async () => {
  const { ctx, page, problems } = await open86(env.srv.url);
  const input = await page.$('[data-testid="import-file"]');
  await input.uploadFile(path.join(FIXTURES, 'formats.xlsx'));
  await page.waitForSelector('[data-testid="import-preview"]');
  assert.equal((await page.$$('[data-testid="recognised-form"]')).length, 2);
  await page.click('[data-testid="confirm-import"]');
  await page.waitForSelector('[data-testid="import-done"]');
  await page.waitForSelector('[data-testid="list-total"]');
  const totals = await page.$$eval('[data-testid="list-total"]', (els) => els.map((e) => e.textContent).sort());
  assert.deepEqual(totals, ['100.00', '96.50']);
  // a paste of what Excel puts on the clipboard
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.setData(
      'text/html',
      '<html xmlns:x="urn:schemas-microsoft-com:office:excel"><body><table>' +
        '<tr><td>项目名称</td><td colspan=3>粘贴的项目</td></tr>' +
        '<tr><td>二级指标</td><td>三级指标</td><td>年度指标值</td><td>实际完成值</td><td>分值</td><td>得分</td></tr>' +
        '<tr><td>数量指标</td><td>培训人数</td><td>≥100人</td><td>120人</td><td x:num="10">10</td><td x:num="9">9</td></tr>' +
        '</table></body></html>',
    );
    dt.setData('text/plain', '项目名称\t粘贴的项目\n二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n数量指标\t培训人数\t≥100人\t120人\t10\t9\n');
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  });
  await page.waitForSelector('[data-testid="import-preview"]');
  assert.match(await text(page, '[data-testid="import-preview"]'), /粘贴的项目/);
  assert.deepEqual(unexpected(problems), []);
  await ctx.close();
});

test('Excel and Word exports download as files LibreOffice opens with the figures', async () => {
  const { ctx, page, problems } = await open86(env.srv.url);
  await loadSample(page, env.srv.url, 'sample-zhaoshang');
  const dir = path.join(env.tmp, 'office');
  const xlsx = await download(page, dir, () => page.click('[data-testid="export-xlsx"]'));
  assert.equal(path.basename(xlsx), '2022_衡山县商务和粮食局_招商引资_项目支出绩效自评表.xlsx');
  const docx = await download(page, dir, () => page.click('[data-testid="export-docx"]'));
  assert.equal(path.basename(docx), '2022_衡山县商务和粮食局_招商引资_项目支出绩效自评表.docx');
  for (const file of [xlsx, docx]) {
    const out = path.join(env.tmp, 'lo');
    execFileSync('soffice', [`-env:UserInstallation=file://${env.tmp}/lo-profile`, '--headless', '--convert-to', 'pdf', '--outdir', out, file], {
      stdio: 'ignore',
      timeout: 120000,
    });
    const pdf = path.join(out, path.basename(file).replace(/\.[^.]+$/, '.pdf'));
    const printed = execFileSync('pdftotext', [pdf, '-']).toString().replace(/\s+/g, '');
    assert.ok(printed.includes('招商引资') && printed.includes('87.00'), path.basename(file));
  }
  assert.deepEqual(unexpected(problems), []);
  await ctx.close();
});

test('print: A4, no buttons or panels, values as text', async () => {
  const { ctx, page, problems } = await open86(env.srv.url);
  await loadSample(page, env.srv.url, 'sample-zhaoshang');
  await page.emulateMediaType('print');
  const visible = await page.evaluate(() => {
    const shown = (el) => el.offsetParent !== null || getComputedStyle(el).position === 'fixed';
    return {
      buttons: [...document.querySelectorAll('button')].filter(shown).length,
      inputs: [...document.querySelectorAll('input, textarea, select')].filter(shown).length,
      panel: shown(document.querySelector('aside.diagnostics')),
      name: [...document.querySelectorAll('.print-only')].filter(shown).map((e) => e.textContent).includes('招商引资'),
    };
  });
  assert.deepEqual(visible, { buttons: 0, inputs: 0, panel: false, name: true });
  const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
  const pages = (pdf.match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.ok(pages >= 1 && pages <= 3, `pages: ${pages}`);
  assert.match(pdf, /\/MediaBox\s*\[\s*0 0 59[45](\.\d+)? 84[12]/, 'A4 portrait');
  assert.deepEqual(unexpected(problems), []);
  await ctx.close();
});

test('offline after the first visit: the page opens and works with the server stopped', async () => {
  const srv = await serve();
  const { ctx, page, problems } = await open86(srv.url);
  await page.evaluate(() => navigator.serviceWorker.ready);
  // the service worker has the app shell (legacy.html included)
  await page.waitForFunction(async () => {
    const keys = await caches.keys();
    const name = keys.find((k) => k.startsWith('ziping-'));
    if (!name) return false;
    const urls = (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname);
    return urls.some((p) => p.endsWith('.wasm')) && urls.some((p) => p.endsWith('legacy.html'));
  });
  await loadSample(page, srv.url, 'sample-guanbi');
  await page.waitForFunction(() => localStorage.getItem('ziping:eval:sample-guanbi'));
  srv.server.closeAllConnections();
  await srv.close();
  await page.goto(srv.url + '#/');
  await page.waitForSelector('table.eval-list a.open');
  await page.click('table.eval-list a.open');
  await page.waitForSelector('[data-testid="total"]');
  assert.equal(await text(page, '[data-testid="total"]'), '89.00');
  assert.deepEqual(unexpected(problems).filter((p) => !p.includes('Failed to load resource')), []);
  await ctx.close();
});

test('the single-file edition from file:// computes, exports and imports', async () => {
  const file = path.join(ROOT, 'dist-single', 'ziping.html');
  const { ctx, page, problems } = await open86('file://' + file);
  const requests = [];
  page.on('request', (r) => {
    if (!/^(file|data|blob):/.test(r.url())) requests.push(r.url());
  });
  await page.click('button[data-sample="sample-zhaoshang"]');
  await page.waitForSelector('[data-testid="total"]');
  assert.equal(await text(page, '[data-testid="total"]'), '87.00');
  const xlsx = await download(page, path.join(env.tmp, 'single'), () => page.click('[data-testid="export-xlsx"]'));
  assert.equal(fs.readFileSync(xlsx).subarray(0, 2).toString('latin1'), 'PK');
  await page.goto('file://' + file + '#/');
  await page.waitForSelector('.group');
  const json = await download(page, path.join(env.tmp, 'single'), () => page.click('.group .group-actions button'));
  const b = await open86('file://' + file);
  const input = await b.page.$('[data-testid="import-file"]');
  await input.uploadFile(json);
  await b.page.waitForSelector('[data-testid="confirm-import"]');
  await b.page.click('[data-testid="confirm-import"]');
  await b.page.waitForSelector('[data-testid="import-done"]');
  await b.page.waitForSelector('[data-testid="list-total"]');
  assert.equal(await text(b.page, '[data-testid="list-total"]'), '87.00');
  assert.deepEqual(requests, []);
  assert.deepEqual(unexpected(problems), []);
  assert.deepEqual(unexpected(b.problems), []);
  await b.ctx.close();
  await ctx.close();
});

test('English and the guide, fetched when first chosen', async () => {
  const { ctx, page, problems } = await open86(env.srv.url);
  await loadSample(page, env.srv.url, 'sample-zhaoshang');
  await page.click('[data-testid="lang-switch"]');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await page.waitForFunction(() => document.querySelector('[data-testid="export-json"]').textContent === 'Export JSON');
  assert.equal(await text(page, '[data-testid="total"]'), '87.00');
  await page.click('[data-testid="help-link"]');
  await page.waitForSelector('[data-testid="help"] h3');
  assert.match(await text(page, '[data-testid="help"]'), /Filling in a project form/);
  assert.deepEqual(unexpected(problems), []);
  await ctx.close();
});

test('after a crash the recovery screen exports the packed forms (DecompressionStream on Chromium 86)', async () => {
  const { ctx, page, problems } = await open86(env.srv.url);
  await loadSample(page, env.srv.url, 'sample-zhaoshang');
  await page.waitForFunction(() => (localStorage.getItem('ziping:eval:sample-zhaoshang') || '')[0] === 'Z');
  await page.goto(env.srv.url + '#/__selftest-panic');
  await page.reload();
  await page.waitForSelector('#ziping-recovery');
  const file = await download(page, path.join(env.tmp, 'recovery'), () => page.click('[data-testid="recovery-export"]'));
  const exported = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.equal(exported.type, 'ziping-export');
  assert.deepEqual(exported.evaluations.map((e) => [e.id, e.project_name]), [['sample-zhaoshang', '招商引资']]);
  // what a crash shows is expected here; nothing else may go wrong
  assert.ok(unexpected(problems).every((p) => /自检|panic|unreachable|RuntimeError/.test(p)), unexpected(problems).join('\n'));
  await ctx.close();
});

test("the reviewer's side: archives in one pick, the county view, a review read-only and in 复核模式", async () => {
  const { page, ctx, problems } = await open86(env.srv.url);
  const input = await page.$('[data-testid="import-file"]');
  // the reviewed export, its 招商引资 edited after the archives' copies
  const reviewed = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'v2', 'reviewed.json'), 'utf8'));
  reviewed.evaluations.find((e) => e.id === 'sample-zhaoshang').updated_at = 1800000000000;
  const file = path.join(env.tmp, 'reviewed.json');
  fs.writeFileSync(file, JSON.stringify(reviewed));
  // two archives (names in UTF-8 and in GBK) and the reviewed export, at once
  await input.uploadFile(
    path.join(ROOT, 'tests', 'fixtures', 'intake', 'infozip.zip'),
    path.join(ROOT, 'tests', 'fixtures', 'intake', 'gbk-names.zip'),
    file,
  );
  await page.waitForSelector('[data-testid="intake-files"]');
  const lines = await page.$$eval('[data-testid="intake-files"] li', (els) => els.map((e) => e.textContent));
  assert.ok(lines.some((l) => l.includes('gbk-names.zip/商务局/招商引资.json')), lines.join('\n'));
  await page.click('[data-testid="confirm-import"]');
  await page.waitForSelector('[data-testid="import-done"]');

  // the county view: the clerk's edition reloads into the full one, still on legacy.html
  assert.equal(await page.evaluate(() => document.documentElement.getAttribute('data-edition')), 'clerk');
  await page.click('[data-testid="county-link"]');
  await page.waitForSelector('html[data-edition="full"] tr.county-line');
  assert.ok(/legacy\.html#\/county$/.test(page.url()), page.url());
  const depts = await page.$$eval('tr.county-line', (rows) => rows.map((r) => r.dataset.department));
  assert.deepEqual(depts, ['', '衡山县商务和粮食局']);
  assert.equal(await text(page, '[data-testid="county-forms"]'), '4');

  // the reviewed form (招商引资 from reviewed.json, edited last): read-only, 87 → 88
  await page.goto(env.srv.url + '#/e/sample-zhaoshang');
  await page.waitForSelector('[data-testid="review-read-only"]');
  assert.equal(await text(page, '[data-testid="review-total"]'), '88.00');
  assert.equal((await page.$$('td.review-col input')).length, 0);
  // in 复核模式 the scores can be typed and the total follows
  await page.click('[data-testid="reviewer-mode"]');
  await page.waitForSelector('#f-fund-review');
  await page.click('#f-fund-review', { clickCount: 3 });
  await page.keyboard.type('7');
  await page.waitForFunction(() => document.querySelector('[data-testid="review-total"]').textContent === '85.00');
  assert.deepEqual(unexpected(problems), []);
  await ctx.close();
});

test('templates: a 湖北 2020 form and a split-target form, filled in, switched with a preview', async () => {
  const { page, ctx, problems } = await open86(env.srv.url);
  await page.waitForSelector('[data-testid="new-template"]');
  await page.select('[data-testid="new-template"]', 'hubei2020');
  await page.click('[data-testid="new-evaluation"]');
  await page.waitForSelector('#f-fund-weight');
  const id = decodeURIComponent(new URL(page.url()).hash.replace('#/e/', ''));
  assert.equal(await page.$eval('#f-fund-weight', (el) => el.value), '20');
  assert.match(await text(page, 'table.fund-table thead'), /预算执行情况（万元）/);
  await page.type('#f-fund-Total-AnnualBudget', '100');
  await page.type('#f-fund-Total-Executed', '95');
  // 反向 ≤3% / 4%, weight 20: 湖北 20 × 3/4 = 15; with the fund's 19: 34
  await page.type(`#f-i-${id}-r0-Target`, '≤3%');
  await page.type(`#f-i-${id}-r0-Actual`, '4%');
  await page.type(`#f-i-${id}-r0-Weight`, '20');
  await page.waitForFunction(() => document.querySelector('[data-testid="total"]').textContent === '34.00');
  // to the split-target form (scored as MOF: 9.5 + 20 × (1 − 1/3) = 22.83), after the preview
  await page.select('[data-testid="template-select"]', 'split-target');
  await page.waitForSelector('[data-testid="template-preview"]');
  assert.match(await text(page, '[data-testid="template-preview"]'), /规则得分 15\.00 → 13\.33/);
  await page.click('[data-testid="template-confirm"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="total"]').textContent === '22.83');
  const row = `tr[data-row="${id}-r0"]`;
  assert.equal(await page.$eval(`${row} [data-testid="target-nature"]`, (el) => el.value), '≤');
  assert.equal(await page.$eval(`#f-i-${id}-r0-Target`, (el) => el.value), '3');
  assert.equal(await page.$eval(`${row} [data-testid="target-unit"]`, (el) => el.value), '%');
  // typed into the value cell: the target is written back whole
  await page.click(`#f-i-${id}-r0-Target`, { clickCount: 3 });
  await page.keyboard.type('2');
  // 20 × (1 − (4 − 2)/2) = 0: 9.5
  await page.waitForFunction(() => document.querySelector('[data-testid="total"]').textContent === '9.50');
  await page.reload();
  await page.waitForSelector('[data-testid="target-nature"]');
  assert.equal(await page.$eval(`#f-i-${id}-r0-Target`, (el) => el.value), '2');
  assert.equal(await page.$eval('[data-testid="template-select"]', (el) => el.value), 'split-target');
  assert.deepEqual(unexpected(problems), []);
  await ctx.close();
});

test('a 重庆 department form beside the department figures: amounts taken from them, one flat list, 调整指标值 and 得分系数', async () => {
  const { page, ctx, problems } = await open86(env.srv.url);
  await page.waitForSelector('button[data-sample="sample-dept"]');
  await page.click('button[data-sample="sample-dept"]');
  await page.waitForSelector('[data-testid="dept-forms"]');
  await page.select('[data-testid="dept-form-template"]', 'chongqing-dept');
  await page.click('[data-testid="new-dept-form"]');
  await page.waitForSelector('table.indicator-table.flat');
  const id = decodeURIComponent(new URL(page.url()).hash.replace('#/e/', ''));
  // from the department's figures: the spending, and 在职人员控制率 43 ÷ 63
  assert.equal(await page.$eval('#f-fund-Total-Executed', (el) => el.value), '2669.35');
  assert.equal(await page.$eval(`#f-i-${id}-r0-Actual`, (el) => el.value), '68.25%');
  assert.match(await text(page, '[data-testid="dept-link"]'), /项一致/);
  await page.type('#f-fund-Total-AnnualBudget', '3000');
  await page.waitForFunction(() => document.querySelector('[data-testid="execution-rate"]').textContent === '88.98%');
  // a row of its own: 50次 adjusted to 40, 43 done → 系数 100 %
  await page.click('[data-testid="add-flat-row"]');
  const rid = await page.$$eval('table.indicator-table tr.indicator-row', (rows) => rows[rows.length - 1].dataset.row);
  const row = `tr[data-row="${rid}"]`;
  await page.type(`#f-i-${rid}-Name`, '组织宣传活动次数');
  await page.type(`${row} [data-testid="target-value"]`, '50');
  await page.type(`${row} [data-testid="target-unit"]`, '次');
  await page.type(`#f-i-${rid}-Actual`, '43次');
  await page.type(`#f-i-${rid}-Weight`, '10');
  await page.waitForFunction((r) => document.querySelector(`${r} [data-testid="coefficient"]`).textContent === '86.00%', {}, row);
  await page.type(`#f-i-${rid}-AdjustedTarget`, '40');
  await page.waitForFunction((r) => document.querySelector(`${r} [data-testid="coefficient"]`).textContent === '100.00%', {}, row);
  assert.deepEqual(unexpected(problems), []);
  await ctx.close();
});
