// Starts ziping's WebAssembly (written into the build by scripts/trunk-post-build.js and
// scripts/single-file.js). A classic script in ES2019: Chromium 86 (360极速浏览器 13) has neither
// top-level await nor import.meta, so the page loads wasm-bindgen's "no-modules" output and this.
(function () {
  'use strict';
  // Files fetched when first needed (the English catalogue, the guide): a URL beside the page,
  // or the text itself in the single-file edition.
  var ASSETS = __ZIPING_ASSETS__;
  window.zipingAsset = function (name) {
    var a = ASSETS[name];
    if (a == null) return Promise.reject(new Error('asset ' + name));
    if (typeof a === 'object') return Promise.resolve(a.text);
    return fetch(a).then(function (r) {
      if (!r.ok) throw new Error(name + ': ' + r.status);
      return r.text();
    });
  };
  // recovery.js explains a browser without WebAssembly
  if (typeof WebAssembly !== 'object') return;
  // Chromium before 97 knows no 'wasm-unsafe-eval': under index.html's policy it refuses to
  // compile WebAssembly ("disallowed by embedder"). legacy.html is the same page whose policy
  // also allows 'unsafe-eval', which those browsers require for WebAssembly.
  // (known by its own mark, not its address: a host that serves legacy.html as /legacy would
  // otherwise send the browser back and forth)
  var legacy = !!document.querySelector('meta[name="ziping-legacy"]');
  // filled in once by scripts/boot.js (it replaces the first occurrence only)
  var hasLegacy = __ZIPING_HAS_LEGACY__;
  function refused(text) {
    return /unsafe-eval|disallowed/i.test(text);
  }
  function toLegacy() {
    location.replace('./legacy.html' + location.hash);
  }
  // Asked at once with the smallest module (8 bytes), so that such a browser goes on to
  // legacy.html before it downloads and tries the page's module (Chromium 86: ≈ 20 ms sooner).
  if (!legacy && hasLegacy) {
    try {
      new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
    } catch (err) {
      if (refused(String((err && err.message) || err))) {
        toLegacy();
        return;
      }
    }
  }
  function failed(text) {
    window.dispatchEvent(new CustomEvent('ziping-panic', { detail: '程序无法启动：' + text }));
  }
  // The editions (src/ui/edition.rs): `clerk`, the list and the project forms, which a first
  // visit loads, and `full`, which adds the county view, the 汇总表, the department's figures
  // form and 复核模式. Each is a glue script (it defines `wasm_bindgen`; absent when the page
  // carries it inline) and a module (a URL, or a function giving its bytes).
  var editions = __ZIPING_EDITIONS__;
  var FULL_KEY = 'ziping:edition';
  // this tab's word with the clerk's edition (sessionStorage): "asked" while it reloads for the
  // full edition, "failed" when the full edition could not start here
  var TAB_KEY = 'ziping:full';
  function store(kind, key, value) {
    try {
      var s = window[kind];
      if (value === undefined) return s.getItem(key);
      if (value === null) s.removeItem(key);
      else s.setItem(key, value);
      return true;
    } catch (err) {
      return null;
    }
  }
  // the full edition for its pages (the address names one), in 复核模式, and once this browser
  // has started it — unless it failed to start in this tab
  var byAddress = /^#\/(county|d\/|s\/)/.test(location.hash);
  function wantsFull() {
    if (store('sessionStorage', TAB_KEY) === 'failed') return false;
    if (byAddress) return true;
    return store('localStorage', FULL_KEY) === 'full' || store('localStorage', 'ziping:role') === 'reviewer';
  }
  var full = !editions.clerk || wantsFull();
  var edition = full ? editions.full : editions.clerk;
  document.documentElement.setAttribute('data-edition', full ? 'full' : 'clerk');
  function started() {
    if (full && editions.clerk) {
      store('localStorage', FULL_KEY, 'full');
      store('sessionStorage', TAB_KEY, null);
    }
    // recovery.js registers the service worker now, not during the module's download
    window.dispatchEvent(new CustomEvent('ziping-started'));
  }
  // a panic while starting is the recovery screen's (recovery.js), not a reason to fall back
  var panicked = false;
  window.addEventListener('ziping-panic', function () {
    panicked = true;
  });
  function notStarted(text) {
    if (refused(text) && !legacy && hasLegacy) {
      toLegacy();
      return;
    }
    // the full edition did not start (a missing file, offline before its first use): once, back
    // to the clerk's edition, which opens the forms and says so where it would reload (a page of
    // the full edition's address included; only a click there tries again)
    if (full && editions.clerk && !panicked && store('sessionStorage', TAB_KEY) !== 'failed' && store('sessionStorage', TAB_KEY, 'failed')) {
      location.reload();
      return;
    }
    failed(text);
  }
  // the module's download starts at once, beside its glue script's
  var source = typeof edition.wasm === 'function' ? edition.wasm() : fetch(edition.wasm);
  // (a failed download is reported by wasm_bindgen, which waits for it, not as unhandled)
  if (source && typeof source.catch === 'function') source.catch(function () {});
  function start() {
    if (typeof wasm_bindgen !== 'function') return notStarted('wasm_bindgen');
    wasm_bindgen({ module_or_path: source }).then(started, function (err) {
      notStarted(String((err && err.message) || err));
    });
  }
  if (!edition.glue) {
    start();
  } else {
    var glue = document.createElement('script');
    glue.src = edition.glue;
    glue.onload = start;
    glue.onerror = function () {
      notStarted(edition.glue);
    };
    document.head.appendChild(glue);
  }
}());
