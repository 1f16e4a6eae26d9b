// The updates the driver made, in the order made, each with its own updateId, kept on the device until dispatch
// answers it (docs/trucks.md: "a unit sends an update until it gets its reply, repeating it unchanged"). A PUBACK
// only says the broker has it; the reply says dispatch stored it (applied, duplicate) or refused it (rejected).
export class Outbox {
  constructor(store, truck) {
    this.store = store;
    this.truck = truck;
  }

  /** The queued updates, oldest first. */
  pending() {
    return this.store.get('outbox', []);
  }

  /** Queues an update (version, event, ts and the rest) under a new updateId, and returns it. */
  add(update) {
    const counter = this.store.get('counter', 0) + 1;
    this.store.set('counter', counter);
    const updateId = `${this.truck}-${Date.now().toString(36)}-${String(counter).padStart(6, '0')}`;
    const entry = { updateId, payload: JSON.stringify({ ...update, updateId }), sentAt: 0 };
    this.store.set('outbox', [...this.pending(), entry]);
    return entry;
  }

  markSent(updateId, at) {
    this.store.set('outbox', this.pending().map((e) => (e.updateId === updateId ? { ...e, sentAt: at } : e)));
  }

  /** Dispatch answered: the update leaves the queue. Returns whether it was there. */
  answered(updateId) {
    const before = this.pending();
    const after = before.filter((e) => e.updateId !== updateId);
    this.store.set('outbox', after);
    return after.length !== before.length;
  }
}
