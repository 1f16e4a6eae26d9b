// What the app keeps on the device, per truck, in localStorage: it survives a reload, a lost connection and a closed
// tab. Everything here is the truck's own (its route, its queued updates), never a token of the API.
export class Store {
  constructor(truck) {
    this.prefix = `clearway-driver/${truck}/`;
  }

  get(key, fallback) {
    const raw = localStorage.getItem(this.prefix + key);
    return raw === null ? fallback : JSON.parse(raw);
  }

  set(key, value) {
    localStorage.setItem(this.prefix + key, JSON.stringify(value));
  }
}

/** Who signed in last on this device (the truck id only; the password stays in this tab's session). */
export const lastTruck = {
  get: () => localStorage.getItem('clearway-driver/last-truck') || '',
  set: (truck) => localStorage.setItem('clearway-driver/last-truck', truck),
};
