// The driver app's service worker: keeps the app's own files (and Paho's) so that it loads without a network, in the
// cab where the signal comes and goes. Network first (a new version reaches the cab when it is online), the cache when
// the network fails. The MQTT connection is not HTTP and never passes here.
const CACHE = 'clearway-driver-v2';
const SHELL = [
  '/driver/', '/driver/index.html', '/driver/driver.css', '/driver/manifest.webmanifest', '/driver/icon.svg',
  '/driver/icon-192.png', '/driver/icon-512.png', '/driver/config.json', '/driver/lib/paho/paho-mqtt-min.js',
  '/driver/js/main.js', '/driver/js/store.js', '/driver/js/outbox.js', '/driver/js/link.js', '/driver/js/route.js',
  '/driver/js/photos.js',
];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin || !url.pathname.startsWith('/driver/')) {
    return;
  }
  event.respondWith(fetch(event.request)
    .then((response) => {
      if (response.ok) {
        const copy = response.clone();
        caches.open(CACHE).then((cache) => cache.put(event.request, copy));
      }
      return response;
    })
    .catch(() => caches.match(event.request, { ignoreSearch: true })
      .then((hit) => hit || caches.match('/driver/index.html'))));
});
