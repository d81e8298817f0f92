// The portal's service worker: keeps the app shell (index.html and the
// files it loads) so that a reload with no network still starts the
// portal, which then reads everything else from the device store.
// Network first, the saved copy when the network fails; the API is never
// touched here (the outbox and the store handle it).
const SHELL = "aftercare-shell-v1";

self.addEventListener("install", (event) => {
  event.waitUntil(saveShell().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n !== SHELL).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || url.pathname.startsWith("/api/")) {
    return;
  }
  const key = request.mode === "navigate" ? "/" : request;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(SHELL).then((cache) => cache.put(key, copy));
        }
        return response;
      })
      .catch(() => caches.match(key).then((saved) => saved || Response.error())),
  );
});

// Saves index.html and every file of this origin it names.
async function saveShell() {
  const cache = await caches.open(SHELL);
  const page = await fetch("/", { cache: "no-cache" });
  if (!page.ok) return;
  const html = await page.clone().text();
  await cache.put("/", page);
  const names = new Set();
  for (const match of html.matchAll(/(?:href|src)="(\/[^"]+)"/g)) names.add(match[1]);
  await Promise.all([...names].map((name) => cache.add(name).catch(() => undefined)));
}
