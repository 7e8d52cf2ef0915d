// ziping service worker (generated into dist/sw.js by scripts/trunk-post-build.js): the app works
// offline after its first load. The cache is named after the build, so an update is picked up:
// the new worker caches the new files and deletes the old cache when it takes over.
'use strict';
var VERSION = '__ZIPING_VERSION__';
var CACHE = 'ziping-' + VERSION;
var FILES = __ZIPING_FILES__;

self.addEventListener('install', function (event) {
  event.waitUntil(
    caches.open(CACHE).then(function (cache) {
      return cache.addAll(FILES);
    }).then(function () {
      return self.skipWaiting();
    })
  );
});

self.addEventListener('activate', function (event) {
  event.waitUntil(
    caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (k) {
        return k.indexOf('ziping-') === 0 && k !== CACHE;
      }).map(function (k) {
        return caches.delete(k);
      }));
    }).then(function () {
      return self.clients.claim();
    })
  );
});

self.addEventListener('fetch', function (event) {
  var req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  if (req.mode === 'navigate') {
    // the page itself: the network when it answers (to see updates), else the cached shell
    event.respondWith(
      fetch(req).catch(function () {
        // the cached page itself (index.html or legacy.html), else the shell
        return caches.match(req, { ignoreSearch: true }).then(function (r) {
          return r || caches.match('./');
        });
      })
    );
    return;
  }
  // hashed assets never change: the cache first; the office module and the full edition (loaded
  // on first use, not precached) are kept once fetched, so they work offline after first use
  var lazy = /\/(ziping_office|office-worker|office-client|ziping_full)-[0-9a-f]+(_bg)?\.(wasm|js)$/.test(new URL(req.url).pathname);
  event.respondWith(
    caches.match(req, { ignoreSearch: true }).then(function (hit) {
      if (hit) return hit;
      return fetch(req).then(function (res) {
        if (lazy && res.ok) {
          var copy = res.clone();
          caches.open(CACHE).then(function (cache) {
            cache.put(req, copy);
          });
        }
        return res;
      });
    })
  );
});
