// The driver app: a truck unit as docs/trucks.md defines it, in the cab's browser. See docs/driver.md.
import { Store, lastTruck } from './store.js';
import { Outbox } from './outbox.js';
import { Link } from './link.js';
import { Route, geoLink, stopKey } from './route.js';
import { Photos } from './photos.js';

const RESEND_MS = 15000;
const FLUSH_EVERY_MS = 2000;
const POSITION_EVERY_MS = 15000;
const SESSION = 'clearway-driver/session';
const SKIP_REASONS = ['blocked access', 'bin not out', 'bin missing', 'unsafe to collect'];

const $ = (id) => document.getElementById(id);
let config = { mqttUrl: '', topicPrefix: '', photos: false, photoMaxBytes: 2097152 };
let truck = null;
let store = null;
let outbox = null;
let route = null;
let link = null;
let flushTimer = null;
let lastTs = 0;
let photos = null;
/** The photo taken at the next stop, sent with the driver's next action there: {jobId, file, takenAt}. */
let attached = null;

/** The update's time, by this device's clock, strictly after the previous one so that the order is kept. */
function stamp() {
  lastTs = Math.max(Date.now(), lastTs + 1, store.get('lastTs', 0) + 1);
  store.set('lastTs', lastTs);
  return new Date(lastTs).toISOString();
}

function say(text, kind) {
  const messages = [{ at: new Date().toLocaleTimeString(), text, kind: kind || '' }, ...store.get('messages', [])];
  store.set('messages', messages.slice(0, 30));
}

function queue(update) {
  const entry = outbox.add({ ...update, ts: stamp() });
  flush(false);
  render();
  return entry;
}

/** Sends the queued updates, oldest first: all of them after a (re)connect, else those unanswered for a while. */
function flush(all) {
  if (!link || !link.online) {
    return;
  }
  const now = Date.now();
  let sent = 0;
  for (const entry of outbox.pending()) {
    if (!all && entry.sentAt && now - entry.sentAt < RESEND_MS) {
      continue;
    }
    if (!link.publish('updates', entry.payload, 1)) {
      break;
    }
    outbox.markSent(entry.updateId, now);
    sent += 1;
  }
  if (sent > 0) {
    render(); // only then: a redraw replaces the buttons, and a tap on one being replaced would be lost
  }
}

function onReply(reply) {
  if (!reply || !outbox.answered(reply.updateId)) {
    return; // a reply to a repeat of an update already answered
  }
  if (reply.jobId && reply.state && !['on_break', 'working'].includes(reply.state)) {
    const sent = route.stops().some((s) => s.jobId === reply.jobId);
    if (reply.status === 'rejected' && sent) {
      route.setJobState(reply.jobId, reply.state);
    }
  }
  if (reply.status === 'rejected') {
    say(`Dispatch refused an update${reply.jobId ? ` about job ${reply.jobId}` : ''}: ${reply.detail}`, 'rejected');
  } else if (reply.jobId && reply.state === 'open') {
    say(`Dispatch made job ${reply.jobId} of the full bin`);
  }
  render();
}

/** Moves a job through the steps it still needs (accepted, arrived) before the driver's event. */
function stepsTo(stop, needArrived) {
  const state = route.jobState(stop.jobId);
  if (state === 'dispatched') {
    queue({ version: 1, jobId: stop.jobId, event: 'accepted' });
    route.setJobState(stop.jobId, 'accepted');
  }
  if (needArrived && route.jobState(stop.jobId) === 'accepted') {
    queue({ version: 1, jobId: stop.jobId, event: 'arrived' });
    route.setJobState(stop.jobId, 'arrived');
  }
}

/** Queues the photo attached to this stop's job, if any, as the photo of that action. */
function sendPhoto(stop, kind) {
  if (!photos || !attached || attached.jobId !== stop.jobId) {
    return;
  }
  const { file, takenAt } = attached;
  attached = null;
  photos.add(file, stop.jobId, kind, takenAt).catch((e) => {
    say(`The photo of job ${stop.jobId} could not be kept: ${e.message}`, 'rejected');
    render();
  });
}

const actions = {
  arrived(stop) {
    stepsTo(stop, true);
  },
  collected(stop) {
    stepsTo(stop, true);
    queue({ version: 1, jobId: stop.jobId, event: 'collected' });
    route.setJobState(stop.jobId, 'collected');
    sendPhoto(stop, 'collected');
  },
  skipped(stop, reason, kind) {
    stepsTo(stop, false);
    queue({ version: 1, jobId: stop.jobId, event: 'skipped', reason });
    route.setJobState(stop.jobId, 'skipped');
    sendPhoto(stop, kind || 'skipped');
  },
  done(stop) {
    route.markDone(stop);
  },
};

function breakStart() {
  if (store.get('onBreak', false)) {
    return;
  }
  queue({ version: 2, event: 'break_started' });
  store.set('onBreak', true);
  render();
}

function breakEnd() {
  if (!store.get('onBreak', false)) {
    return;
  }
  queue({ version: 2, event: 'break_ended' });
  store.set('onBreak', false);
  const next = route.next();
  if (next && next.kind === 'break') {
    route.markDone(next);
  }
  render();
}

function button(label, onClick, className) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  if (className) {
    b.className = className;
  }
  b.addEventListener('click', () => {
    onClick();
    render();
  });
  return b;
}

function describe(stop) {
  switch (stop.kind) {
    case 'bin': return `Bin ${stop.binId} (job ${stop.jobId}, ${stop.stream || ''}${stop.priority === 'urgent' ? ', urgent' : ''})`;
    case 'unload': return `Unload at ${stop.facilityId}`;
    case 'break': return `Break, ${stop.minutes} minutes`;
    case 'depot': return `Back to depot ${stop.facilityId}`;
    default: return `${stop.kind} (not known to this app)`;
  }
}

function time(iso) {
  return iso ? new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : '';
}

function renderNext() {
  const next = route.next();
  const box = $('next-stop');
  const actionBox = $('next-actions');
  box.replaceChildren();
  actionBox.replaceChildren();
  box.dataset.key = next ? stopKey(next) : '';
  const current = route.current();
  if (!current || current.stops.length === 0) {
    box.innerHTML = '<p>No route yet: it comes from dispatch as soon as the truck is connected.</p>';
    return;
  }
  if (!next) {
    box.innerHTML = '<p id="route-done">Route done. Thank you!</p>';
    return;
  }
  const where = document.createElement('p');
  where.className = 'where';
  where.textContent = describe(next);
  box.append(where);
  if (next.plannedArrival || next.plannedStart) {
    const when = document.createElement('p');
    when.textContent = `planned ${time(next.plannedArrival || next.plannedStart)}`;
    box.append(when);
  }
  if (Number.isFinite(next.lat) && Number.isFinite(next.lon)) {
    const nav = document.createElement('a');
    nav.id = 'navigate';
    nav.href = geoLink(next);
    nav.textContent = 'Navigate there';
    box.append(nav);
  }
  if (next.kind === 'bin') {
    const state = route.jobState(next.jobId);
    if (state === 'dispatched' || state === 'accepted') {
      actionBox.append(button('Arrived', () => actions.arrived(next)));
    }
    actionBox.append(button('Collected', () => actions.collected(next), 'primary'));
    const reason = document.createElement('select');
    reason.id = 'skip-reason';
    for (const r of SKIP_REASONS) {
      reason.append(new Option(r, r));
    }
    const note = document.createElement('input');
    note.id = 'damage-note';
    note.placeholder = 'what is damaged';
    note.maxLength = 200;
    actionBox.append(reason, button('Skipped', () => actions.skipped(next, reason.value), 'warn'));
    actionBox.append(note, button('Bin damaged', () => actions.skipped(next,
      `bin damaged${note.value.trim() ? `: ${note.value.trim()}` : ''}`, 'damaged'), 'warn'));
    if (photos) {
      actionBox.append(photoInput(next));
    }
  } else if (next.kind === 'break') {
    actionBox.append(store.get('onBreak', false) ? button('End break', breakEnd, 'primary')
      : button('Start break', breakStart, 'primary'));
  } else {
    actionBox.append(button('Done', () => actions.done(next), 'primary'));
  }
}

/** A photo for the stop: the camera on a phone or tablet; it goes with the next action taken at the stop. */
function photoInput(stop) {
  const label = document.createElement('label');
  label.className = 'photo';
  const has = attached && attached.jobId === stop.jobId;
  label.textContent = has ? 'Photo attached (sent with Collected, Skipped or Bin damaged) ' : 'Photo ';
  label.dataset.attached = String(Boolean(has));
  const input = document.createElement('input');
  input.type = 'file';
  input.id = 'photo';
  input.accept = 'image/jpeg,image/png,image/webp';
  input.setAttribute('capture', 'environment');
  input.addEventListener('change', () => {
    if (input.files && input.files[0]) {
      attached = { jobId: stop.jobId, file: input.files[0], takenAt: new Date().toISOString() };
      render();
    }
  });
  label.append(input);
  return label;
}

function render() {
  if (!store) {
    return;
  }
  const pending = outbox.pending().length;
  $('queued').textContent = `${pending} queued`;
  $('queued').dataset.count = String(pending);
  const current = route.current();
  $('revision').textContent = current ? `revision ${current.revision}, ${current.shiftDate}` : '';
  const next = route.next();
  $('stops').replaceChildren(...route.stops().map((stop) => {
    const li = document.createElement('li');
    li.dataset.key = stopKey(stop);
    li.dataset.done = String(route.isDone(stop));
    if (stop.kind === 'bin') {
      li.dataset.state = route.jobState(stop.jobId);
    }
    if (next && stopKey(next) === stopKey(stop)) {
      li.className = 'next';
    }
    li.textContent = `${time(stop.plannedArrival || stop.plannedStart)} ${describe(stop)}`
      + (stop.kind === 'bin' ? ` — ${route.jobState(stop.jobId)}` : '');
    return li;
  }));
  renderNext();
  const onBreak = store.get('onBreak', false);
  $('break-state').textContent = onBreak ? 'on break' : 'working';
  $('break-start').hidden = onBreak;
  $('break-end').hidden = !onBreak;
  $('messages').replaceChildren(...store.get('messages', []).map((m) => {
    const li = document.createElement('li');
    li.className = m.kind;
    li.textContent = `${m.at} ${m.text}`;
    return li;
  }));
}

function positions() {
  if (!('geolocation' in navigator)) {
    return;
  }
  let last = 0;
  navigator.geolocation.watchPosition((p) => {
    if (Date.now() - last < POSITION_EVERY_MS || !link) {
      return;
    }
    last = Date.now();
    const position = { version: 1, ts: new Date().toISOString(), lat: p.coords.latitude, lon: p.coords.longitude };
    if (Number.isFinite(p.coords.speed)) {
      position.speedKmh = Math.max(0, p.coords.speed * 3.6);
    }
    if (Number.isFinite(p.coords.heading) && p.coords.heading >= 0 && p.coords.heading < 360) {
      position.headingDeg = p.coords.heading;
    }
    link.publish('position', JSON.stringify(position), 0); // QoS 0: a lost position is replaced by the next
  }, () => { /* no position: nothing to send */ }, { enableHighAccuracy: true, maximumAge: 10000 });
}

function showSignIn(error) {
  $('app').hidden = true;
  $('sign-out').hidden = true;
  const form = $('sign-in');
  form.hidden = false;
  form.truck.value = form.truck.value || lastTruck.get();
  form.broker.value = form.broker.value || config.mqttUrl || '';
  $('sign-in-error').textContent = error || '';
}

function start(account) {
  sessionStorage.setItem(SESSION, JSON.stringify(account));
  lastTruck.set(account.truck);
  truck = account.truck;
  store = new Store(truck);
  if (photos) {
    photos.stop();
  }
  photos = config.photos ? new Photos({ truck, key: account.photoKey || account.password,
    maxBytes: config.photoMaxBytes, onChange: (count) => {
      $('photos-queued').textContent = `${count} photo${count === 1 ? '' : 's'} queued`;
      $('photos-queued').dataset.count = String(count);
    }, say: (text, kind) => { say(text, kind); render(); } }) : null;
  $('photos-queued').hidden = !photos;
  outbox = new Outbox(store, truck);
  route = new Route(store);
  $('sign-in').hidden = true;
  $('app').hidden = false;
  $('sign-out').hidden = false;
  $('truck').textContent = truck;
  link = new Link({ url: account.broker, truck, password: account.password, prefix: config.topicPrefix || '' }, {
    onState: (state) => {
      document.body.dataset.link = state;
      $('link').textContent = state;
    },
    onRoute: (message) => {
      if ((!message.truckId || message.truckId === truck) && route.offer(message)) {
        render();
      }
    },
    onReply,
    onConnected: () => {
      flush(true);
      if (photos) {
        photos.flush();
      }
    },
    onRefused: () => {
      signOut();
      showSignIn('The broker refused this truck and password.');
    },
  });
  link.start();
  clearInterval(flushTimer);
  flushTimer = setInterval(() => flush(false), FLUSH_EVERY_MS);
  render();
}

function signOut() {
  if (link) {
    link.stop();
  }
  clearInterval(flushTimer);
  if (photos) {
    photos.stop();
  }
  photos = null;
  attached = null;
  sessionStorage.removeItem(SESSION);
  link = null;
  store = null;
  document.body.dataset.link = 'offline';
  $('link').textContent = 'offline';
}

async function boot() {
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/driver/sw.js', { scope: '/driver/' }).catch(() => { /* works without */ });
  }
  try {
    const response = await fetch('/driver/config.json');
    if (response.ok) {
      config = await response.json();
    }
  } catch (e) {
    // offline and not cached yet: the driver types the broker
  }
  $('sign-in').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.target;
    start({ truck: form.truck.value.trim(), password: form.password.value, broker: form.broker.value.trim(),
      photoKey: form.photoKey.value });
    form.password.value = '';
    form.photoKey.value = '';
  });
  $('sign-out').addEventListener('click', () => {
    signOut();
    showSignIn();
  });
  $('break-start').addEventListener('click', breakStart);
  $('break-end').addEventListener('click', breakEnd);
  $('full-bin').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.target;
    const update = { version: 2, event: 'full_bin', binId: form.bin.value.trim() };
    if (form.note.value.trim()) {
      update.reason = form.note.value.trim();
    }
    queue(update);
    say(`Full bin ${update.binId} reported`);
    form.reset();
    render();
  });
  positions();
  const saved = sessionStorage.getItem(SESSION);
  if (saved) {
    start(JSON.parse(saved));
  } else {
    showSignIn();
  }
}

boot();
