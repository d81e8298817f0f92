// The portal's service worker: keeps this build's files (the app shell) on
// the device so the portal starts with no network, and then reads its data
// from the device store. It never touches the API or the demo pages: the
// IndexedDB store and the outbox own the data.
//
// The two lines below are filled in by the Trunk post-build hook
// (tools/pwa/precache.mjs): the build's files, and a hash of them, so every
// build with different files is a byte-different sw.js, which the browser
// installs as a new version.
const VERSION = "dev";
const PRECACHE = [];

const CACHE = `aftercare-${VERSION}`;
// The app shell every navigation falls back to when offline.
const SHELL = "/";
const PRECACHED = new Set([SHELL, ...PRECACHE]);

// Install: fetch every file of this build past the HTTP cache. A worker that
// replaces an active one waits until the portal asks it to take over (the
// customer's "Reload"); the very first one takes over at once.
self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll([...PRECACHED].map((path) => new Request(path, { cache: "reload" })));
      if (!self.registration.active) await self.skipWaiting();
    })(),
  );
});

// The portal's update prompt sends this when the customer chooses to reload.
self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "skip-waiting") self.skipWaiting();
});

// Activate: delete the caches of earlier builds and control open tabs.
self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      const old = names.filter((name) => name.startsWith("aftercare-") && name !== CACHE);
      await Promise.all(old.map((name) => caches.delete(name)));
      await self.clients.claim();
    })(),
  );
});

// Fetch: only same-origin GETs outside /api/ and /demo/ are answered here;
// everything else goes to the network as if there were no worker.
self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/api/") || url.pathname.startsWith("/demo/")) return;
  if (request.mode === "navigate") {
    event.respondWith(navigate(request));
  } else if (PRECACHED.has(url.pathname) && url.search === "") {
    event.respondWith(cacheFirst(request));
  }
});

// Pages: the network's answer when there is one (so a deployed build is seen
// at once), else this build's app shell, whose router draws the page.
async function navigate(request) {
  try {
    return await fetch(request);
  } catch (offline) {
    const shell = await caches.match(SHELL, { cacheName: CACHE });
    if (shell) return shell;
    throw offline;
  }
}

// Build files: the saved copy, else the network.
async function cacheFirst(request) {
  const saved = await caches.match(request, { cacheName: CACHE });
  return saved || fetch(request);
}
