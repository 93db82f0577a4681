/* global self, caches */
/*
 * Service worker of the patrol pages (issue 6, item 5): keeps the app shell and today's patrol list available
 * without a connection. Pages: network first, the cached shell offline. Hashed assets: cache first (they never
 * change). Today's list and the few API reads the app needs at start: network first, the last answer offline.
 * Everything else (tiles, writes) passes through untouched; records themselves are queued in IndexedDB by the page.
 */
const CACHE = 'nongan-shell-v1';
const SHELL = ['/', '/manifest.webmanifest', '/favicon.svg'];
const API_CACHED = [
  /^\/api\/patrols\/today(\?|$)/,
  /^\/api\/config$/,
  /^\/api\/auth\/me$/,
  /^\/api\/grids\?level=/,
];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

async function networkFirst(request, fallbackUrl) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(fallbackUrl ?? request, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(fallbackUrl ?? request);
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const path = url.pathname + url.search;
  if (request.mode === 'navigate') {
    event.respondWith(networkFirst(request, '/'));
  } else if (url.pathname.startsWith('/assets/')) {
    event.respondWith(cacheFirst(request));
  } else if (API_CACHED.some((re) => re.test(path))) {
    event.respondWith(networkFirst(request));
  }
});
