// Harness for the suite on a real Chromium 86.0.4240 (the engine of 360极速浏览器 13), unpacked by
// scripts/chromium86.js from the npm package chrome-aws-lambda@5.3.1 and driven by
// puppeteer-core@5.3.1 (playwright-core needs a newer browser). The page is served by the same
// static server as the main suite (tests/browser/harness.js).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { before, after } = require('node:test');
const puppeteer = require('puppeteer-core');
const { serve, DIST } = require('../browser/harness');
const { unpack } = require('../../scripts/chromium86');

async function launch86() {
  const dir = unpack();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ziping-c86-profile-'));
  const browser = await puppeteer.launch({
    executablePath: path.join(dir, 'chromium'),
    headless: true,
    userDataDir: profile,
    // as root in a container, as the browser's own Lambda packaging runs it
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--single-process',
      '--no-zygote',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--lang=zh-CN',
    ],
    env: {
      ...process.env,
      LD_LIBRARY_PATH: [path.join(dir, 'aws', 'lib'), path.join(dir, 'swiftshader'), process.env.LD_LIBRARY_PATH]
        .filter(Boolean)
        .join(':'),
      // the system's fontconfig (with fonts-noto-cjk), not the package's Lambda one, which
      // points at /tmp paths of its own and makes the browser exit
    },
  });
  const version = await browser.version();
  if (!/\/86\.0\.4240\./.test(version)) throw new Error(`not Chromium 86: ${version}`);
  browser.profile = profile;
  return browser;
}

/**
 * A fresh profile — its own browser: incognito contexts crash Chromium 86 in single-process mode —
 * with a page on `url`; console errors and page errors are collected in `problems`. `ctx.close()`
 * closes the browser and removes the profile.
 */
async function open86(url, { waitFor = '.app-header' } = {}) {
  const browser = await launch86();
  const [page] = await browser.pages();
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.setViewport({ width: 1366, height: 900 });
  if (url) {
    await page.goto(url);
    if (waitFor) await page.waitForSelector(waitFor);
  }
  const ctx = {
    close: async () => {
      await browser.close();
      fs.rmSync(browser.profile, { recursive: true, force: true });
    },
  };
  return { ctx, page, problems, browser };
}

/**
 * What went wrong on the page, leaving out what Chromium 86 is meant to report: index.html's
 * policy names 'wasm-unsafe-eval', which it does not know, so it refuses to compile the module
 * there and the boot script moves to legacy.html.
 */
function unexpected(problems) {
  return problems.filter(
    (p) => !/wasm-unsafe-eval|Refused to compile or instantiate WebAssembly|WebAssembly\.instantiate|CompileError: WebAssembly/.test(p),
  );
}

/** Clicks `selector` (or runs `trigger`) and waits for the browser's download, returning its path. */
async function download(page, dir, trigger) {
  fs.mkdirSync(dir, { recursive: true });
  await page._client.send('Page.setDownloadBehavior', { behavior: 'allow', downloadPath: dir });
  const before = new Set(fs.readdirSync(dir));
  await trigger();
  const deadline = Date.now() + 60000;
  while (Date.now() < deadline) {
    const fresh = fs.readdirSync(dir).filter((f) => !before.has(f) && !f.endsWith('.crdownload'));
    if (fresh.length) {
      const file = path.join(dir, fresh[0]);
      // the name is there before the last bytes: wait until the size settles
      let size = -1;
      while (size !== fs.statSync(file).size) {
        size = fs.statSync(file).size;
        await new Promise((r) => setTimeout(r, 150));
      }
      return file;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no download within 60 s');
}

const text = (page, selector) => page.$eval(selector, (el) => el.textContent);

/** A server for dist/ and a temporary folder, torn down after the file. */
function useChromium86() {
  const env = {};
  before(async () => {
    env.srv = await serve();
    env.tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ziping-c86-'));
  });
  after(async () => {
    await env.srv?.close();
    if (env.tmp) fs.rmSync(env.tmp, { recursive: true, force: true });
  });
  return env;
}

module.exports = { launch86, open86, unexpected, download, text, useChromium86, serve, DIST };
