// The self-evaluation form in a real browser: live recompute, samples, garbage input, reload.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { openApp, useApp } = require('./harness');

const suite = useApp({ tmp: false });

const SAMPLES = [
  ['sample-sheling', '社零工作经费', '88.00'],
  ['sample-zhaoshang', '招商引资', '87.00'],
  ['sample-chubeiliang', '县级储备粮、临储粮经费', '80.00'],
  ['sample-guanbi', '企业关闭破产补助经费', '89.00'],
];

async function loadSample(page, key) {
  await page.click(`button[data-sample="${key}"]`);
  await page.waitForSelector('[data-testid="total"]');
}

const total = (page) => page.textContent('[data-testid="total"]');
const grade = (page) => page.textContent('[data-testid="grade"]');

test('loading each sample shows its total', async () => {
  const { ctx, page, problems, foreign } = await openApp(suite.browser, suite.srv.url);
  for (const [key, title, expected] of SAMPLES) {
    await page.goto(suite.srv.url + '#/');
    await loadSample(page, key);
    assert.equal(await page.inputValue('#f-h-ProjectName'), title);
    assert.equal(await total(page), expected, title);
    assert.equal(await grade(page), '良');
    assert.equal(await page.textContent('[data-testid="total-foot"]'), expected);
  }
  // the list shows the four with their totals
  await page.goto(suite.srv.url + '#/');
  const totals = await page.$$eval('[data-testid="list-total"]', (els) => els.map((e) => e.textContent));
  assert.deepEqual(totals.sort(), SAMPLES.map((s) => s[2]).sort());
  assert.deepEqual(problems, []);
  assert.deepEqual(foreign, []);
  await ctx.close();
});

test('typing a claimed score updates the total and grade live', async () => {
  const { ctx, page, problems } = await openApp(suite.browser, suite.srv.url);
  await loadSample(page, 'sample-zhaoshang');
  assert.equal(await total(page), '87.00');
  // 其中总投资过亿项目 claims 5; the rule gives 8
  const row = page.locator('tr.indicator-row').nth(1);
  const claim = row.locator('input.claim-input');
  assert.equal(await claim.inputValue(), '5');
  assert.equal(await row.locator('.rule-score').textContent(), '8.00');
  await claim.fill('');
  await claim.type('8');
  assert.equal(await total(page), '90.00');
  assert.equal(await grade(page), '优');
  // blank claim takes the rule's score, marked as such
  await claim.fill('');
  assert.equal(await total(page), '90.00');
  assert.equal(await row.locator('.rule-used').count(), 1);
  // execution claimed 7 → adopt the rule's 10 in one click
  const exec = page.locator('#f-fund-claimed');
  assert.equal(await exec.inputValue(), '7');
  await page.locator('.fund-table .adopt').click();
  assert.equal(await exec.inputValue(), '10');
  assert.equal(await total(page), '93.00');
  // lowering scores drops the grade band
  await claim.type('0');
  assert.equal(await total(page), '85.00');
  assert.equal(await grade(page), '良');
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('garbage in a number field shows a message beside it and nothing else breaks', async () => {
  const { ctx, page, problems } = await openApp(suite.browser, suite.srv.url);
  await loadSample(page, 'sample-guanbi');
  const weight = page.locator('tr.indicator-row').first().locator('input[aria-label="分值"]');
  await weight.fill('');
  await weight.type('三十abc');
  const cell = page.locator('tr.indicator-row').first().locator('td:has(input[aria-label="分值"])');
  const note = cell.locator('.note.error');
  await note.first().waitFor();
  assert.match(await note.first().textContent(), /不是有效数字/);
  assert.equal(await weight.inputValue(), '三十abc', 'what was typed is kept');
  // the rest still recomputes
  const exec = page.locator('#f-fund-claimed');
  await exec.fill('10');
  assert.equal(await total(page), '90.00');
  // huge numbers and exponent notation are messages too
  await weight.fill('79228162514264337593543950336');
  assert.match(await cell.locator('.note.error').first().textContent(), /数值过大/);
  await weight.fill('1e40');
  assert.match(await cell.locator('.note.error').first().textContent(), /科学计数法/);
  // the 审核提示 panel lists it
  assert.ok((await page.textContent('aside.diagnostics')).includes('科学计数法'));
  await weight.fill('30');
  assert.equal(await cell.locator('.note.error').count(), 0);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('a reload keeps the data, the open form and the last keystroke', async () => {
  const { ctx, page, problems } = await openApp(suite.browser, suite.srv.url);
  await page.click('[data-testid="new-evaluation"]');
  await page.waitForSelector('#f-h-ProjectName');
  await page.type('#f-h-ProjectName', '农村公路养护');
  await page.type('#f-fund-claimed', '9');
  // reload at once: the pagehide flush must have saved the last keystroke
  await page.reload();
  await page.waitForSelector('#f-h-ProjectName');
  assert.equal(await page.inputValue('#f-h-ProjectName'), '农村公路养护');
  assert.equal(await page.inputValue('#f-fund-claimed'), '9');
  // and it is in localStorage under its own key
  const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('ziping:')));
  assert.ok(keys.includes('ziping:index'));
  assert.equal(keys.filter((k) => k.startsWith('ziping:eval:')).length, 1);
  // a second page in the same profile sees it in the list
  const other = await ctx.newPage();
  await other.goto(suite.srv.url);
  await other.waitForSelector('table.eval-list');
  assert.ok((await other.textContent('table.eval-list')).includes('农村公路养护'));
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('rows can be added, reordered and removed within a group', async () => {
  const { ctx, page, problems } = await openApp(suite.browser, suite.srv.url);
  await loadSample(page, 'sample-zhaoshang');
  const names = () =>
    page.$$eval('tr.indicator-row td.name textarea', (els) => els.map((e) => e.value));
  const before = await names();
  // add a row under 数量指标
  await page.locator('td.l2', { hasText: '数量指标' }).locator('.add-row').click();
  await page.waitForFunction((n) => document.querySelectorAll('tr.indicator-row').length === n, before.length + 1);
  // the new row is focused: type its name
  await page.keyboard.type('新签约项目');
  let after = await names();
  assert.deepEqual(after.slice(0, 3), ['引进总投资过千万项目', '其中总投资过亿项目', '新签约项目']);
  // move it up within 数量指标
  await page.locator('tr.indicator-row').nth(2).locator('button[title="上移"]').click();
  after = await names();
  assert.deepEqual(after.slice(0, 3), ['引进总投资过千万项目', '新签约项目', '其中总投资过亿项目']);
  // moving the first row of a group up does nothing
  await page.locator('tr.indicator-row').nth(0).locator('button[title="上移"]').click();
  assert.equal((await names())[0], '引进总投资过千万项目');
  // the weights no longer add up once it has a weight
  await page.locator('tr.indicator-row').nth(1).locator('input[aria-label="分值"]').type('5');
  assert.ok((await page.textContent('aside.diagnostics')).includes('产出指标的三级指标分值合计55'));
  // delete it
  await page.locator('tr.indicator-row').nth(1).locator('button[title="删除此行"]').click();
  assert.deepEqual(await names(), before);
  assert.equal(await total(page), '87.00');
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('evaluations can be created, opened and deleted (after confirming)', async () => {
  const { ctx, page, problems } = await openApp(suite.browser, suite.srv.url);
  await loadSample(page, 'sample-sheling');
  await page.goto(suite.srv.url + '#/');
  await loadSample(page, 'sample-guanbi');
  await page.goto(suite.srv.url + '#/');
  await page.waitForSelector('table.eval-list');
  assert.equal(await page.locator('table.eval-list tbody tr').count(), 2);
  // delete asks first; cancel keeps it
  const row = page.locator('table.eval-list tbody tr[data-id="sample-sheling"]');
  await row.locator('button', { hasText: '删除' }).click();
  await row.locator('button', { hasText: '取消' }).click();
  assert.equal(await page.locator('table.eval-list tbody tr').count(), 2);
  await row.locator('button', { hasText: '删除' }).click();
  await row.locator('[data-testid="confirm-delete"]').click();
  assert.equal(await page.locator('table.eval-list tbody tr').count(), 1);
  assert.equal(await page.locator('table.eval-list tbody tr[data-id="sample-guanbi"]').count(), 1);
  // gone from storage too, after the debounce
  await page.waitForFunction(() => !localStorage.getItem('ziping:eval:sample-sheling'));
  await page.reload();
  await page.waitForSelector('table.eval-list');
  assert.equal(await page.locator('table.eval-list tbody tr').count(), 1);
  // open it from the list
  await page.locator('table.eval-list a.open').first().click();
  assert.equal(await total(page), '89.00');
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('on a 1366 × 768 screen every column of an indicator row is in view, without scrolling sideways', async () => {
  const context = await suite.browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
  const { ctx, page, problems } = await openApp(suite.browser, suite.srv.url, { context });
  await loadSample(page, 'sample-chubeiliang');
  const measure = () => page.evaluate(() => {
    const width = window.innerWidth;
    const main = document.querySelector('.form-main');
    const table = document.querySelector('table.indicator-table');
    const rows = [...table.querySelectorAll('tr.indicator-row')];
    // every cell of every row, the row buttons included, lies within the window
    const outside = [];
    for (const row of rows) {
      for (const cell of row.children) {
        const r = cell.getBoundingClientRect();
        if (r.left < 0 || r.right > width + 0.5) outside.push(`${cell.className}: ${Math.round(r.left)}–${Math.round(r.right)}`);
      }
    }
    const buttons = [...rows[0].querySelectorAll('td.actions button')].map((b) => b.getBoundingClientRect().right <= width);
    const reason = rows[0].querySelector('td.reason').getBoundingClientRect();
    const panel = document.querySelector('aside.diagnostics').getBoundingClientRect();
    return {
      width,
      outside,
      buttons,
      reasonWidth: Math.round(reason.width),
      mainScrolls: main.scrollWidth > main.clientWidth + 1,
      pageScrolls: document.documentElement.scrollWidth > width + 1,
      panelBelow: panel.top >= table.getBoundingClientRect().bottom,
    };
  });
  const layout = await measure();
  assert.equal(layout.width, 1366);
  assert.deepEqual(layout.outside, []);
  assert.ok(layout.buttons.length > 0 && layout.buttons.every(Boolean), 'the row buttons are in view');
  assert.ok(layout.reasonWidth >= 120, `偏差原因 column ${layout.reasonWidth}px wide`);
  assert.equal(layout.mainScrolls, false, 'the form does not scroll sideways');
  assert.equal(layout.pageScrolls, false, 'the page does not scroll sideways');
  assert.equal(layout.panelBelow, true, '审核提示 is under the form');
  // the split-target template's two more columns fit too
  await page.selectOption('[data-testid="template-select"]', 'split-target');
  await page.click('[data-testid="template-confirm"]');
  await page.waitForSelector('[data-testid="target-nature"]');
  const split = await measure();
  assert.deepEqual(split.outside, []);
  assert.ok(split.buttons.every(Boolean), 'the row buttons are in view on a split-target form');
  assert.equal(split.pageScrolls, false, 'a split-target form does not scroll sideways');
  // the counts in the summary bar lead to the panel
  await page.click('[data-testid="to-diagnostics"]');
  await page.waitForFunction(() => {
    const r = document.querySelector('aside.diagnostics').getBoundingClientRect();
    return r.top < window.innerHeight && r.bottom > 0;
  });
  assert.deepEqual(problems, []);
  await ctx.close();
});
