// Today's route as dispatch publishes it (retained, versioned: docs/trucks.md "Route"), and what the driver did at
// each stop, kept on the device. A revision lower than the one kept is ignored; an empty one withdraws the route.
const FINAL = new Set(['collected', 'verified', 'skipped', 'failed', 'cancelled']);

export function stopKey(stop) {
  if (stop.kind === 'bin') {
    return `job:${stop.jobId}`;
  }
  if (stop.kind === 'break') {
    return `break:${stop.plannedStart}`;
  }
  return `${stop.kind}:${stop.facilityId || ''}:${stop.plannedArrival || ''}`;
}

export class Route {
  constructor(store) {
    this.store = store;
  }

  current() {
    return this.store.get('route', null);
  }

  /** Takes a route message; returns whether it replaced the one kept. */
  offer(message) {
    if (!message || message.version !== 1 || !Array.isArray(message.stops)) {
      return false;
    }
    const kept = this.current();
    if (kept && kept.shiftDate === message.shiftDate && message.revision < kept.revision) {
      return false;
    }
    this.store.set('route', message);
    return true;
  }

  jobState(jobId) {
    return this.store.get('jobs', {})[jobId] || 'dispatched';
  }

  setJobState(jobId, state) {
    const jobs = this.store.get('jobs', {});
    jobs[jobId] = state;
    this.store.set('jobs', jobs);
  }

  isDone(stop) {
    if (stop.kind === 'bin') {
      return FINAL.has(this.jobState(stop.jobId));
    }
    return this.store.get('done', []).includes(stopKey(stop));
  }

  markDone(stop) {
    const done = this.store.get('done', []);
    if (!done.includes(stopKey(stop))) {
      this.store.set('done', [...done, stopKey(stop)]);
    }
  }

  /** The stops in order, and the first one not done yet (null at the end of the route). */
  stops() {
    const route = this.current();
    return route ? [...route.stops].sort((a, b) => a.seq - b.seq) : [];
  }

  next() {
    return this.stops().find((stop) => !this.isDone(stop)) || null;
  }
}

/** A navigation link the phone's maps app opens (RFC 5870 geo: URI). */
export function geoLink(stop) {
  return `geo:${stop.lat},${stop.lon}?q=${stop.lat},${stop.lon}`;
}
