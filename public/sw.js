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

// The portal's update prompt sends "skip-waiting" when the customer chooses
// to reload. "version?" asks which build this worker carries: a page that
// already runs it (index.html's aftercare-build meta) lets it take over
// without prompting.
self.addEventListener("message", (event) => {
  const type = event.data && event.data.type;
  if (type === "skip-waiting") self.skipWaiting();
  if (type === "version?" && event.source) event.source.postMessage({ type: "version", version: VERSION });
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
// at once), else this build's app shell, whose router draws the page. A
// proxy's "server down" answer (502/503/504) or a network slower than
// NETWORK_WAIT_MS (a weak signal that never quite fails) also gets the shell:
// the app then works from the device store as it does offline. A late
// network answer is simply dropped.
const NETWORK_WAIT_MS = 4000;
const SERVER_DOWN = new Set([502, 503, 504]);

async function navigate(request) {
  const network = fetch(request);
  network.catch(() => {}); // Its failure is handled below, or no longer matters.
  const slow = new Promise((resolve) => setTimeout(resolve, NETWORK_WAIT_MS));
  let answer;
  try {
    answer = await Promise.race([network, slow]);
  } catch {
    answer = undefined;
  }
  if (answer && !SERVER_DOWN.has(answer.status)) return answer;
  const shell = await caches.match(SHELL, { cacheName: CACHE });
  if (shell) return shell;
  // No shell saved yet: whatever the network gives, or its error.
  return answer || network;
}

// Build files: the saved copy, else the network.
async function cacheFirst(request) {
  const saved = await caches.match(request, { cacheName: CACHE });
  return saved || fetch(request);
}
