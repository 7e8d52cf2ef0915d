// dist/ works from any sub-path, on a server that sends .wasm with the wrong MIME type.
'use strict';
const fs = require('fs');
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { serve, launch, openApp, assertNoForeignRequests, DIST } = require('./harness');

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
  // CSP and design: nothing the app did may reach another origin
  assertNoForeignRequests();
});

for (const [name, opts] of [
  ['a sub-path', { prefix: '/apps/jixiao/ziping/' }],
  ['a wrong MIME type for .wasm and .js', { prefix: '/shared/', mime: { '.wasm': 'application/octet-stream', '.js': 'application/x-javascript' } }],
]) {
  test(`works from ${name}`, async () => {
    const srv = await serve(DIST, opts);
    const { ctx, page, problems } = await openApp(browser, srv.url);
    assert.ok(page.url().startsWith(srv.url));
    await page.click('button[data-sample="sample-zhaoshang"]');
    await page.waitForSelector('[data-testid="total"]');
    assert.equal(await page.textContent('[data-testid="total"]'), '87.00');
    assert.deepEqual(problems, []);
    await ctx.close();
    await srv.close();
  });
}

// Chromium before 97 (360极速浏览器 13 is Chromium 86) knows no 'wasm-unsafe-eval' and refuses to
// compile WebAssembly under index.html's policy. Rehearsed here by serving index.html with that
// keyword removed, which makes today's Chromium refuse the same way: the boot script must move to
// legacy.html (same page, a policy with 'unsafe-eval'), keeping the route, and the app must work.
test('falls back to legacy.html where the policy refuses WebAssembly', async () => {
  const srv = await serve(DIST, {
    rewrite: { 'index.html': (html) => html.replace(" 'wasm-unsafe-eval'", '') },
  });
  const ctx = await browser.newContext({ locale: 'zh-CN' });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const modules = [];
  page.on('request', (r) => {
    if (/ziping-[0-9a-f]+_bg\.wasm$/.test(r.url())) modules.push(r.frame().url());
  });
  await page.goto(srv.url + 'index.html#/');
  await page.waitForSelector('.app-header');
  assert.match(page.url(), /legacy\.html#\/$/);
  // the boot script's 8-byte probe sends the browser on before index.html fetches the module
  assert.equal(modules.length, 1, `the page's module fetched ${modules.length} times`);
  assert.match(modules[0], /legacy\.html/);
  await page.click('button[data-sample="sample-zhaoshang"]');
  await page.waitForSelector('[data-testid="total"]');
  assert.equal(await page.textContent('[data-testid="total"]'), '87.00');
  assert.deepEqual(errors, []);
  await ctx.close();
  await srv.close();
  // a browser that compiles the probe but refuses the module itself goes the same way, from the
  // module's refusal (rehearsed by skipping the probe)
  const late = await serve(DIST, {
    rewrite: {
      'index.html': (html) => html.replace(" 'wasm-unsafe-eval'", ''),
      [fs.readdirSync(DIST).find((f) => /^boot-.*\.js$/.test(f))]: (js) => {
        const skipped = js.replace('if (!legacy && hasLegacy)', 'if (false)');
        assert.notEqual(skipped, js, 'the boot script has the probe this rehearsal skips');
        return skipped;
      },
    },
  });
  const ctx3 = await browser.newContext({ locale: 'zh-CN' });
  const lately = await ctx3.newPage();
  lately.on('pageerror', (e) => errors.push(e.message));
  await lately.goto(late.url + 'index.html#/');
  await lately.waitForSelector('.app-header');
  assert.match(lately.url(), /legacy\.html#\/$/);
  assert.deepEqual(errors, []);
  await ctx3.close();
  await late.close();
  // a host with pretty addresses serves legacy.html as /legacy: the page knows itself by its
  // mark and stays (by its address it would go back to legacy.html, and be sent on again)
  const pretty = await serve(DIST, {
    pretty: true,
    rewrite: { 'index.html': (html) => html.replace(" 'wasm-unsafe-eval'", '') },
  });
  const ctx4 = await browser.newContext({ locale: 'zh-CN' });
  const prettily = await ctx4.newPage();
  prettily.on('pageerror', (e) => errors.push(e.message));
  await prettily.goto(pretty.url + '#/');
  await prettily.waitForSelector('.app-header');
  assert.match(prettily.url(), /\/legacy#\/$/);
  await prettily.click('button[data-sample="sample-zhaoshang"]');
  assert.equal(await prettily.textContent('[data-testid="total"]'), '87.00');
  assert.deepEqual(errors, []);
  await ctx4.close();
  await pretty.close();
  // where the policy is accepted, the page stays index.html
  const normal = await serve(DIST);
  const { ctx: ctx2, page: plain } = await openApp(browser, normal.url);
  await plain.waitForTimeout(300);
  assert.doesNotMatch(plain.url(), /legacy/);
  await ctx2.close();
  await normal.close();
});
