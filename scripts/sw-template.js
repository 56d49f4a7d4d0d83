// The service worker of 相談支援ワークベンチ: keeps one version of the app's own files so the
// app opens without a network. scripts/sw.mjs writes dist/sw.js from this template, filling
// in VERSION (a hash over every file of the build) and FILES (each file with its sha256).
//
// One cache per version, `soudan-workbench-<VERSION>`, filled whole at install (all or
// nothing) and never written afterwards: a page is served the files of the version that
// controls it, or the network, never a mix. A new version waits until no page of the old
// one is open (or until 「今すぐ更新」 asks for SKIP_WAITING); its activation deletes the
// older caches. Only the app's files are cached: no data, no response from the network.
'use strict';

const VERSION = '__VERSION__';
const FILES = __FILES__;
const PREFIX = 'soudan-workbench-';
const CACHE = PREFIX + VERSION;
// The directory sw.js is served from: the app's root, whatever sub-path it lives under.
const BASE = new URL('./', self.location.href).href;
const INDEX = new URL('index.html', BASE).href;

self.addEventListener('install', (event) => {
  // cache: 'no-cache' revalidates with the server rather than trusting an HTTP-cached older
  // file, and `integrity` refuses any byte that is not this version's (a deploy halfway
  // through): either case fails the whole install and the running version stays.
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      cache
        .addAll(FILES.map(([file, integrity]) => new Request(new URL(file, BASE).href, { cache: 'no-cache', integrity })))
        // No empty cache left behind for a version that never installed.
        .catch((err) => caches.delete(CACHE).then(() => Promise.reject(err))),
    ),
  );
  // No skipWaiting here: an open page keeps the version it started with.
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  // Opening the app's directory is opening index.html (the routes live in the hash).
  const key = req.mode === 'navigate' && url.origin + url.pathname === BASE ? INDEX : req;
  event.respondWith(
    // caches.match with cacheName never creates the cache (it may have been deleted by
    // 「すべて消す」); a file this version does not have comes from the network, uncached.
    caches.match(key, { cacheName: CACHE, ignoreSearch: true }).then((hit) => hit ?? fetch(req)),
  );
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
});
