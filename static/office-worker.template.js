// The office worker's start (appended by the build to wasm-bindgen's "no-modules" glue for the
// office module): it instantiates the module on the first message and answers each request with
// the module's JSON. A trap in the module is answered as fatal, and the page starts a fresh
// worker for the next request.
(function () {
  'use strict';
  var WASM_URL = __ZIPING_OFFICE_WASM__;
  var started = null;

  function start(bytes) {
    if (!started) {
      started = wasm_bindgen({ module_or_path: bytes || WASM_URL });
    }
    return started;
  }

  self.onmessage = function (ev) {
    var m = ev.data || {};
    var args = m.args || {};
    var answer = function (result) {
      self.postMessage({ id: m.id, result: result });
    };
    var fail = function (err, fatal) {
      self.postMessage({ id: m.id, error: String((err && err.message) || err), fatal: !!fatal });
    };
    start(m.op === 'init' ? args.wasm : null).then(function () {
      try {
        if (m.op === 'init') answer('ready');
        else if (m.op === 'file') answer(wasm_bindgen.read_file(args.name || '', args.bytes));
        else if (m.op === 'spanned') answer(wasm_bindgen.read_spanned(args.documents || '[]', args.plain || ''));
        else if (m.op === 'export') {
          var bytes = wasm_bindgen.export_file(args.kind || '', args.bundle || '{}', function (done, total) {
            self.postMessage({ id: m.id, progress: [done, total] });
          });
          self.postMessage({ id: m.id, result: bytes }, [bytes.buffer]);
        } else fail('unknown request ' + m.op, false);
      } catch (err) {
        // the module's own errors come as their JSON text; anything else is a trap, which
        // leaves the module unusable: this worker is done
        if (typeof err === 'string') answer(err);
        else fail(err, true);
      }
    }, function (err) {
      fail(err, true);
    });
  };
}());
