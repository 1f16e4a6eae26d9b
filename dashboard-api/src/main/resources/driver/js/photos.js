// Photos taken at a stop (docs/driver.md#photos): shrunk on the device, queued in IndexedDB (a photo is too large for
// localStorage), uploaded to the API with the truck's photo key, oldest first, and taken off the queue only when the
// API has stored it (201, or 200 for one it already has). A refusal (4xx but 401) is listed with its reason and
// dropped; 401 keeps the queue and asks for the key; no network or 5xx keeps it and tries again.
const DB = 'clearway-driver-photos';
const STORE = 'photos';
const MAX_SIDE = 1600;
const RETRY_MS = 15000;

function open() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'photoId' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function tx(db, mode, work) {
  return new Promise((resolve, reject) => {
    const t = db.transaction(STORE, mode);
    const result = work(t.objectStore(STORE));
    t.oncomplete = () => resolve(result && 'result' in result ? result.result : undefined);
    t.onerror = () => reject(t.error);
  });
}

/** The picture as a JPEG of at most MAX_SIDE pixels a side, and within the API's limit. */
async function shrink(file, maxBytes) {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  for (const quality of [0.85, 0.7, 0.5, 0.35]) {
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
    if (blob && blob.size <= maxBytes) {
      return blob;
    }
  }
  throw new Error('the photo is too large even at low quality');
}

export class Photos {
  /** @param {{truck: string, key: string, maxBytes: number, onChange: function, say: function}} options */
  constructor(options) {
    this.options = options;
    this.db = open();
    this.count = 0;
    this.sending = false;
    this.keyRefused = false;
    this.timer = setInterval(() => this.flush(), RETRY_MS);
    this.onOnline = () => this.flush();
    window.addEventListener('online', this.onOnline);
    this.refresh();
  }

  stop() {
    clearInterval(this.timer);
    window.removeEventListener('online', this.onOnline);
  }

  /** Queues the photo of a job's stop; kind is collected, skipped or damaged. */
  async add(file, jobId, kind, takenAt) {
    const blob = await shrink(file, this.options.maxBytes);
    const photoId = `${this.options.truck}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    const entry = { photoId, truck: this.options.truck, jobId, kind, takenAt, type: blob.type, blob, queuedAt: Date.now() };
    await tx(await this.db, 'readwrite', (s) => s.put(entry));
    await this.refresh();
    this.flush();
  }

  async pending() {
    const all = await tx(await this.db, 'readonly', (s) => s.getAll());
    return all.filter((p) => p.truck === this.options.truck).sort((a, b) => a.queuedAt - b.queuedAt);
  }

  async refresh() {
    this.count = (await this.pending()).length;
    this.options.onChange(this.count);
  }

  async drop(photoId) {
    await tx(await this.db, 'readwrite', (s) => s.delete(photoId));
  }

  /** Sends the queued photos in order; stops at the first that cannot go now. */
  async flush() {
    if (this.sending || this.keyRefused) {
      return;
    }
    this.sending = true;
    try {
      for (const p of await this.pending()) {
        const query = new URLSearchParams({ job: String(p.jobId), kind: p.kind, photo: p.photoId, takenAt: p.takenAt,
          truck: p.truck });
        let response;
        try {
          response = await fetch(`/driver/photos?${query}`, { method: 'POST', body: p.blob,
            headers: { Authorization: `Bearer ${this.options.key}`, 'Content-Type': p.type } });
        } catch (e) {
          return; // no network: the next try
        }
        if (response.ok) {
          await this.drop(p.photoId);
        } else if (response.status === 401) {
          this.keyRefused = true;
          this.options.say('The API refused this truck\'s photo key: the photos wait on the device.', 'rejected');
          return;
        } else if (response.status >= 400 && response.status < 500) {
          const body = await response.json().catch(() => ({}));
          await this.drop(p.photoId);
          this.options.say(`The photo of job ${p.jobId} was refused: ${(body.error && body.error.message) || response.status}`,
            'rejected');
        } else {
          return; // the API is unwell: the next try
        }
        await this.refresh();
      }
    } finally {
      this.sending = false;
      await this.refresh();
    }
  }
}
