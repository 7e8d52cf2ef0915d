// Templates (issue 12): a form of each template created from scratch, filled in, scored live by
// its own rules (docs/TEMPLATES.md), switched to another template with a preview and back
// without losing anything, stored, and printed like its paper form.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { openApp, useApp } = require('./harness');
const { storedDoc, until } = require('./stored');

const suite = useApp({ tmp: true });
const ROOT = path.resolve(__dirname, '..', '..');
const V3 = path.join(ROOT, 'tests', 'fixtures', 'v3', 'templates.json');

async function newForm(page, template) {
  await page.selectOption('[data-testid="new-template"]', template);
  await page.click('[data-testid="new-evaluation"]');
  await page.waitForSelector('#f-h-ProjectName');
  return decodeURIComponent(new URL(page.url()).hash.replace('#/e/', ''));
}

const total = (page) => page.textContent('[data-testid="total"]');
const row = (id, n, field) => `#f-i-${id}-r${n}-${field}`;

test('a 湖北 2020 form: its fund block and rules, a switch with preview and back, print', async () => {
  const { page, ctx, problems } = await openApp(suite.browser, suite.srv.url);
  const id = await newForm(page, 'hubei2020');
  // the paper form's fund block: one row, no 年初预算数, 20 points
  const fund = 'table.fund-table';
  assert.match(await page.textContent(`${fund} thead`), /预算执行情况（万元）.*预算数（A）.*执行数（B）/);
  assert.doesNotMatch(await page.textContent(`${fund} thead`), /年初预算数/);
  assert.equal(await page.locator(`${fund} tbody:first-of-type tr`).count(), 1);
  assert.match(await page.textContent(`${fund} tbody`), /年度财政资金总额/);
  assert.equal(await page.inputValue('#f-fund-weight'), '20');
  assert.match(await page.textContent('table.indicator-table thead'), /年初目标值（A）.*实际完成值（B）/);
  await page.type('#f-h-ProjectName', '农田水利设施维修养护');
  await page.type('#f-fund-Total-AnnualBudget', '100');
  await page.type('#f-fund-Total-Executed', '95');
  // 数量 ≥10座 / 8座 (20) → 16; 反向 ≤3% / 4% (20) → 湖北 20 × 3/4 = 15; 满意度 ≥90% / 85% (10) → 9.44
  const rows = [
    ['维修泵站数量', '≥10座', '8座', '20'],
    ['运行成本超支率', '≤3%', '4%', '20'],
    ['受益群众满意度', '≥90%', '85%', '10'],
  ];
  for (const [n, [name, target, actual, weight]] of rows.entries()) {
    await page.type(row(id, n, 'Name'), name);
    await page.type(row(id, n, 'Target'), target);
    await page.type(row(id, n, 'Actual'), actual);
    await page.type(row(id, n, 'Weight'), weight);
  }
  // 19 + 16 + 15 + 9.44
  await until(async () => (await total(page)) === '59.44');
  // to the MOF form: the preview says what moves, and cancelling changes nothing
  await page.selectOption('[data-testid="template-select"]', 'mof2020');
  const preview = await page.textContent('[data-testid="template-preview"]');
  for (const want of ['预算执行率分值：20 → 10', '运行成本超支率：规则得分 15.00 → 13.33', '定性指标档次区间：80%／50% → 80%／60%', '总分：59.44（差）→ 48.27（差）']) {
    assert.ok(preview.includes(want), `${want} in ${preview}`);
  }
  await page.click('[data-testid="template-cancel"]');
  assert.equal(await page.locator('[data-testid="template-preview"]').count(), 0);
  assert.equal(await page.inputValue('[data-testid="template-select"]'), 'hubei2020');
  assert.equal(await total(page), '59.44');
  // confirmed: the MOF fund table (four rows, 年初预算数), the MOF rules: 9.5 + 16 + 13.33 + 9.44
  await page.selectOption('[data-testid="template-select"]', 'mof2020');
  await page.click('[data-testid="template-confirm"]');
  await until(async () => (await total(page)) === '48.27');
  assert.equal(await page.locator(`${fund} tbody:first-of-type tr`).count(), 4);
  assert.match(await page.textContent(`${fund} thead`), /年初预算数/);
  assert.equal(await page.inputValue('#f-fund-weight'), '10');
  assert.equal(await page.inputValue(row(id, 1, 'Target')), '≤3%');
  // stored, and after a reload still the MOF form; then back to 湖北: the same form as typed
  await until(async () => (await storedDoc(page, `ziping:eval:${id}`))?.evaluation.funds.weight === '10');
  assert.equal((await storedDoc(page, `ziping:eval:${id}`)).evaluation.template, undefined);
  await page.reload();
  await page.waitForSelector('#f-h-ProjectName');
  assert.equal(await total(page), '48.27');
  await page.selectOption('[data-testid="template-select"]', 'hubei2020');
  await page.click('[data-testid="template-confirm"]');
  await until(async () => (await total(page)) === '59.44');
  await until(async () => (await storedDoc(page, `ziping:eval:${id}`))?.evaluation.template === 'hubei2020');
  const stored = (await storedDoc(page, `ziping:eval:${id}`)).evaluation;
  assert.equal(stored.funds.weight, '20');
  assert.deepEqual(stored.indicators.map((r) => r.target), ['≥10座', '≤3%', '≥90%']);
  // printed on A4 like the paper form: its fund block, no 表样 row or controls, no empty
  // brackets for the 一级 weights it does not have
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('.template-row'), false);
  assert.equal(await page.isVisible(`${fund}`), true);
  assert.match(await page.textContent(`${fund} thead`), /预算执行情况（万元）/);
  assert.equal(await page.isVisible('td.l1 .l1-weight'), false);
  const pdf = await page.pdf({ preferCSSPageSize: true });
  fs.writeFileSync(path.join(suite.tmp, 'hubei.pdf'), pdf);
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.ok(pages >= 1 && pages <= 3, `${pages} pages`);
  await page.emulateMedia({ media: 'screen' });
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('a split-target form: 指标性质 | 指标值 | 度量单位, typed into any of them; the choice is remembered', async () => {
  const { page, ctx, problems } = await openApp(suite.browser, suite.srv.url);
  const id = await newForm(page, 'split-target');
  assert.match(await page.textContent('table.indicator-table thead'), /指标性质\s*指标值\s*度量单位/);
  const first = `tr[data-row="${id}-r0"]`;
  await page.selectOption(`${first} [data-testid="target-nature"]`, '≥');
  await page.type(row(id, 0, 'Target'), '95');
  await page.type(`${first} [data-testid="target-unit"]`, '%');
  await page.type(row(id, 0, 'Actual'), '90%');
  await page.type(row(id, 0, 'Weight'), '50');
  // 50 × 90 / 95 = 47.37, scored as the MOF form
  await until(async () => (await total(page)) === '47.37');
  await until(async () => (await storedDoc(page, `ziping:eval:${id}`))?.evaluation.indicators[0].target === '≥95%');
  assert.equal((await storedDoc(page, `ziping:eval:${id}`)).evaluation.template, 'split-target');
  // the value typed digit by digit does not jump between the columns
  await page.fill(row(id, 0, 'Target'), '');
  await page.type(row(id, 0, 'Target'), '92.5');
  assert.equal(await page.inputValue(row(id, 0, 'Target')), '92.5');
  assert.equal(await page.inputValue(`${first} [data-testid="target-unit"]`), '%');
  // a text target is 定性
  const third = `tr[data-row="${id}-r2"]`;
  await page.type(row(id, 2, 'Target'), '满意');
  await until(async () => (await page.inputValue(`${third} [data-testid="target-nature"]`)) === '定性');
  // the next new form offers the same template
  await page.goto(suite.srv.url + '#/');
  await page.reload();
  await page.waitForSelector('[data-testid="new-template"]');
  assert.equal(await page.inputValue('[data-testid="new-template"]'), 'split-target');
  // an imported form of each template opens in its layout
  await page.setInputFiles('[data-testid="import-file"]', V3);
  await page.click('[data-testid="confirm-import"]');
  await page.waitForSelector('[data-testid="import-done"]');
  await page.goto(suite.srv.url + '#/e/v3-split');
  await page.waitForSelector('[data-testid="target-nature"]');
  const road = 'tr[data-row="v3-split-r0"]';
  assert.equal(await page.inputValue(`${road} [data-testid="target-nature"]`), '≥');
  assert.equal(await page.inputValue(row('v3-split', 0, 'Target')), '120');
  assert.equal(await page.inputValue(`${road} [data-testid="target-unit"]`), '公里');
  assert.equal(await total(page), '100.00');
  // printed: the three columns as text, no controls
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('table.indicator-table th.nature'), true);
  assert.equal(await page.isVisible(`${road} [data-testid="target-nature"]`), false);
  assert.match(await page.textContent(`${road} td.nature`), /≥/);
  assert.match(await page.textContent(`${road} td.unit`), /公里/);
  const pdf = await page.pdf({ preferCSSPageSize: true });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.ok(pages >= 1 && pages <= 3, `${pages} pages`);
  await page.emulateMedia({ media: 'screen' });
  await page.goto(suite.srv.url + '#/e/v3-hubei');
  await page.waitForSelector('#f-fund-weight');
  assert.equal(await total(page), '84.44');
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('a 部门整体支出绩效自评表 beside the department figures: amounts taken from them, kept in step, apart from the projects, printed', async () => {
  const { page, ctx, problems } = await openApp(suite.browser, suite.srv.url);
  // the seed department's figures (R7) and one of its projects
  await page.click('button[data-sample="sample-zhaoshang"]');
  await page.waitForSelector('#f-h-ProjectName');
  await page.goto(suite.srv.url + '#/');
  await page.click('button[data-sample="sample-dept"]');
  await page.waitForSelector('[data-testid="dept-forms"]');
  assert.match(await page.textContent('[data-testid="dept-forms"]'), /还没有部门整体支出绩效自评表/);
  await page.selectOption('[data-testid="dept-form-template"]', 'dept');
  await page.click('[data-testid="new-dept-form"]');
  await page.waitForSelector('[data-testid="dept-link"]');
  const id = decodeURIComponent(new URL(page.url()).hash.replace('#/e/', ''));
  // the department's header, its funds by income and spending nature, filled from its figures
  assert.match(await page.textContent('table.header-table'), /部门（单位）名称/);
  assert.equal(await page.inputValue('#f-h-Department'), '衡山县商务和粮食局');
  assert.equal(await page.locator('#f-h-ProjectName').count(), 0);
  const funds = await page.textContent('table.fund-table tbody');
  for (const row of ['按收入性质分：一般公共预算', '政府性基金拨款', '纳入专户管理的非税收入拨款', '按支出性质分：基本支出', '项目支出']) {
    assert.ok(funds.includes(row), `${row} in ${funds}`);
  }
  assert.equal(await page.inputValue('#f-fund-Total-InitialBudget'), '684.34');
  assert.equal(await page.inputValue('#f-fund-Total-Executed'), '2669.35');
  assert.equal(await page.inputValue('#f-fund-Basic-Executed'), '915.76');
  assert.equal(await page.inputValue('#f-fund-Project-Executed'), '1753.59');
  assert.match(await page.textContent('[data-testid="dept-link"]'), /6项一致/);
  // typed: the adjusted budget, and the rate and score follow (2669.35 / 2700 → 9.89)
  await page.type('#f-fund-Total-AnnualBudget', '2700');
  await until(async () => (await page.textContent('[data-testid="execution-rate"]')) === '98.86%');
  // a cell typed otherwise than the figures is shown with the figure, and taken back in one click
  await page.fill('#f-fund-Basic-Executed', '900');
  await until(async () => /基本支出.*900 → 915\.76/.test(await page.textContent('[data-testid="dept-link"]')));
  await page.click('[data-testid="take-dept-figures"]');
  await until(async () => (await page.inputValue('#f-fund-Basic-Executed')) === '915.76');
  await until(async () => (await storedDoc(page, `ziping:eval:${id}`))?.evaluation.funds.basic?.executed === '915.76');
  const stored = (await storedDoc(page, `ziping:eval:${id}`)).evaluation;
  assert.equal(stored.template, 'dept');
  assert.equal(stored.funds.total.annual_budget, '2700');
  // one indicator: the reverse-scored 预算调整率 (≤5% / 8%, 10 → 10 × (1 − 3/5) = 4)
  await page.type(row(id, 0, 'Name'), '预算调整率');
  await page.type(row(id, 0, 'Target'), '≤5%');
  await page.type(row(id, 0, 'Actual'), '8%');
  await page.type(row(id, 0, 'Weight'), '10');
  await until(async () => (await page.textContent(`tr[data-row="${id}-r0"] .rule-score`)) === '4.00');
  // the list shows it in the department-year, not counted as a project
  await page.goto(suite.srv.url + '#/');
  await page.waitForSelector(`tr[data-id="${id}"]`);
  assert.match(await page.textContent(`tr[data-id="${id}"]`), /部门整体支出绩效自评表/);
  assert.match(await page.textContent('.group-head'), /（1个项目）/);
  // the 汇总表: the project in the table, the department's form on its own line
  await page.goto(suite.srv.url + '#/s/2022/' + encodeURIComponent('衡山县商务和粮食局'));
  await page.waitForSelector('[data-testid="overall"]');
  assert.equal(await page.locator('table.summary-table:not(.overall) tbody tr').count(), 1);
  assert.match(await page.textContent('[data-testid="overall"]'), /部门整体支出绩效自评表/);
  // the county view names its score
  await page.goto(suite.srv.url + '#/county/2022');
  await page.waitForSelector('[data-testid="county-overall"]');
  assert.match(await page.textContent('[data-testid="county-overall"]'), /^\d+\.\d\d [优良中差]$/);
  // the department page lists it with its total
  await page.goto(suite.srv.url + '#/');
  await page.click('a.open-dept');
  await page.waitForSelector(`[data-testid="dept-forms"] [data-id="${id}"]`);
  assert.match(await page.textContent('[data-testid="dept-forms"]'), /总分 \d+\.\d\d/);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('a 重庆 部门整体绩效自评表: one flat list with 计量单位, 调整指标值, 得分系数 and 是否核心指标; 部门决策/管理/绩效 groups; printed', async () => {
  const { page, ctx, problems } = await openApp(suite.browser, suite.srv.url);
  await page.click('button[data-sample="sample-dept"]');
  await page.waitForSelector('[data-testid="dept-forms"]');
  await page.selectOption('[data-testid="dept-form-template"]', 'chongqing-dept');
  await page.click('[data-testid="new-dept-form"]');
  await page.waitForSelector('table.indicator-table.flat');
  const id = decodeURIComponent(new URL(page.url()).hash.replace('#/e/', ''));
  const head = await page.textContent('table.indicator-table thead');
  assert.doesNotMatch(head, /一级指标/);
  assert.match(head, /指标名称\s*计量单位\s*指标性质\s*年初指标值\s*调整指标值\s*全年完成值\s*得分系数（%）\s*指标权重（分）/);
  assert.match(await page.textContent('table.fund-table thead'), /部门预算执行情况（万元）.*执行率权重.*执行率得分/);
  // the 2021 form's common rows, their actuals from the department's figures: 43 ÷ 63
  const staff = `tr[data-row="${id}-r0"]`;
  assert.equal(await page.inputValue(row(id, 0, 'Name')), '在职人员控制率');
  assert.equal(await page.inputValue(row(id, 0, 'Actual')), '68.25%');
  assert.equal(await page.inputValue(`${staff} [data-testid="target-value"]`), '≤100');
  assert.equal(await page.inputValue(`${staff} [data-testid="target-unit"]`), '%');
  assert.equal(await page.textContent(`${staff} [data-testid="coefficient"]`), '100.00%');
  // 执行率 × 10: 2669.35 of 3000 → 88.98 % → 8.90
  await page.type('#f-fund-Total-AnnualBudget', '3000');
  await until(async () => (await page.textContent('[data-testid="execution-rate"]')) === '88.98%');
  // a row of the department's own: 组织宣传活动次数 50次, adjusted to 40, 43 done, core, 10 points
  await page.click('[data-testid="add-flat-row"]');
  const n = await page.locator('table.indicator-table tbody tr.indicator-row').count();
  const last = page.locator('table.indicator-table tbody tr.indicator-row').last();
  const rid = await last.getAttribute('data-row');
  await page.type(`#f-i-${rid}-Name`, '组织宣传活动次数');
  await last.locator('[data-testid="target-value"]').type('50');
  await last.locator('[data-testid="target-unit"]').type('次');
  await page.type(`#f-i-${rid}-Actual`, '43次');
  await page.type(`#f-i-${rid}-Weight`, '10');
  await until(async () => (await last.locator('[data-testid="coefficient"]').textContent()) === '86.00%');
  await page.type(`#f-i-${rid}-AdjustedTarget`, '40');
  await until(async () => (await last.locator('[data-testid="coefficient"]').textContent()) === '100.00%');
  await page.check(`#f-i-${rid}-Core`);
  await until(async () => {
    const e = (await storedDoc(page, `ziping:eval:${id}`))?.evaluation;
    const r = e?.indicators.find((x) => x.id === rid);
    return r?.core === true && r?.adjusted_target === '40' && r?.target === '50次';
  });
  assert.equal(n, 16, "the 14 common rows, the blank one of a new form, the one added");
  // 定性 chosen by hand for a row: its tier is asked for
  await page.selectOption(`${staff} [data-testid="nature"]`, 'qualitative');
  await page.waitForSelector(`#f-i-${id}-r0-Tier`);
  await page.selectOption(`${staff} [data-testid="nature"]`, 'quantitative');
  await until(async () => (await page.locator(`#f-i-${id}-r0-Tier`).count()) === 0);
  // printed like the paper form: the columns as text, no controls
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('table.indicator-table th.coefficient'), true);
  assert.equal(await page.isVisible(`${staff} [data-testid="nature"]`), false);
  assert.match(await last.locator('td.core').textContent(), /是/);
  assert.match(await page.textContent(`${staff} td.quality`), /定量/);
  // a score left to the rule prints as the rule's score, without its label
  assert.equal((await page.innerText(`${staff} td.score-cell`)).trim(), '2.00');
  const pdf = await page.pdf({ preferCSSPageSize: true });
  fs.writeFileSync(path.join(suite.tmp, 'chongqing.pdf'), pdf);
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.ok(pages >= 1 && pages <= 3, `${pages} pages`);
  await page.emulateMedia({ media: 'screen' });
  // the form grouped 部门决策 / 部门管理 / 部门绩效: its common rows, no 分值/得分 in the fund block
  await page.goto(suite.srv.url + '#/');
  await page.click('a.open-dept');
  await page.waitForSelector('[data-testid="dept-forms"]');
  await page.selectOption('[data-testid="dept-form-template"]', 'dept-framework');
  await page.click('[data-testid="new-dept-form"]');
  await page.waitForSelector('table.indicator-table td.l1');
  const l1 = await page.locator('table.indicator-table td.l1 .l1-name').allTextContents();
  assert.deepEqual(l1, ['部门决策', '部门管理', '部门绩效']);
  assert.doesNotMatch(await page.textContent('table.fund-table thead'), /分值|得分/);
  assert.equal(await page.locator('#f-fund-weight').count(), 0);
  // switching its template: only department templates are offered
  const options = await page.locator('[data-testid="template-select"] option').evaluateAll((os) => os.map((o) => o.value));
  assert.deepEqual(options, ['dept', 'dept-framework', 'chongqing-dept']);
  assert.deepEqual(problems, []);
  await ctx.close();
});

// Every template, from scratch: created where a clerk creates it, its fund block filled in and
// scored live by its own execution rule, switched to another template of its kind and back with
// the preview, and printed on A4 (docs/TEMPLATES.md).
const EVERY = [
  // [template, title, execution score of 95 out of 100, switch to, its score there]
  ['mof2020', '项目支出绩效自评表', '9.50', 'hubei2020', '19.00'],
  ['hubei2020', '项目支出绩效自评表', '19.00', 'sichuan2023', '9.50'],
  ['split-target', '项目支出绩效自评表', '9.50', 'mof2020', '9.50'],
  ['sichuan2023', '部门预算项目支出绩效自评表', '9.50', 'hubei2020', '19.00'],
  ['dept', '部门整体支出绩效自评表', '9.50', 'chongqing-dept', '9.50'],
  ['dept-framework', '部门整体支出绩效自评表', null, 'dept', '9.50'],
  ['chongqing-dept', '部门整体绩效自评表', '9.50', 'dept-framework', null],
];

test('every template: created, its execution scored by its rule, switched with a preview and back, printed', async () => {
  const { page, ctx, problems } = await openApp(suite.browser, suite.srv.url);
  await page.click('button[data-sample="sample-dept"]');
  await page.waitForSelector('[data-testid="dept-forms"]');
  const execution = async () => {
    const n = await page.locator('table.fund-table .rule-score').count();
    return n === 0 ? null : page.textContent('table.fund-table .rule-score');
  };
  for (const [template, title, score, other, otherScore] of EVERY) {
    await page.goto(suite.srv.url + '#/');
    if (template.startsWith('dept') || template.startsWith('chongqing')) {
      await page.click('a.open-dept');
      await page.waitForSelector('[data-testid="dept-forms"]');
      await page.selectOption('[data-testid="dept-form-template"]', template);
      await page.click('[data-testid="new-dept-form"]');
    } else {
      await page.selectOption('[data-testid="new-template"]', template);
      await page.click('[data-testid="new-evaluation"]');
    }
    await page.waitForSelector('table.indicator-table');
    assert.match(await page.textContent('h2.form-title'), new RegExp(`${title}$`), template);
    assert.equal(await page.inputValue('[data-testid="template-select"]'), template);
    await page.fill('#f-fund-Total-AnnualBudget', '100');
    await page.fill('#f-fund-Total-Executed', '95');
    await until(async () => (await page.textContent('[data-testid="execution-rate"]')) === '95.00%');
    await until(async () => (await execution()) === score);
    // the switch: its preview first, then the other template's rule; back again unchanged
    await page.selectOption('[data-testid="template-select"]', other);
    await page.waitForSelector('[data-testid="template-preview"]');
    await page.click('[data-testid="template-confirm"]');
    await until(async () => (await execution()) === otherScore);
    assert.equal(await page.inputValue('#f-fund-Total-Executed'), '95');
    await page.selectOption('[data-testid="template-select"]', template);
    await page.click('[data-testid="template-confirm"]');
    await until(async () => (await execution()) === score);
    // printed on A4, without controls
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.isVisible('[data-testid="template-select"]'), false, template);
    assert.equal(await page.isVisible('table.indicator-table'), true, template);
    const pdf = await page.pdf({ preferCSSPageSize: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
    assert.ok(pages >= 1 && pages <= 4, `${template}: ${pages} pages`);
    await page.emulateMedia({ media: 'screen' });
  }
  assert.deepEqual(problems, []);
  await ctx.close();
});
