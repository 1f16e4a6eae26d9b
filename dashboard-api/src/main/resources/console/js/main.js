// The console's entry: sign-in, then the map, the job queue and the alarms, kept live by the API's event stream.
import { api, atLeast } from './api.js';
import { CityMap } from './map.js';
import { JobQueue } from './jobs.js';
import { Alarms } from './alarms.js';
import { BinPanel } from './bin.js';
import { LiveFeed } from './live.js';

const $ = (id) => document.getElementById(id);
let running = null;

async function start() {
  try {
    show(await api.session());
  } catch (e) {
    askForToken();
  }
}

function askForToken(message) {
  if (running) {
    running.live.close();
    running.map.close();
    running = null;
    document.body.dataset.ready = '';
  }
  $('console').hidden = true;
  $('sign-in').hidden = false;
  $('sign-in-error').textContent = message || '';
  $('token').focus();
}

$('sign-in-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const input = $('token');
  try {
    const who = await api.signIn(input.value);
    input.value = '';
    show(who);
  } catch (e) {
    input.value = '';
    $('sign-in-error').textContent = e.status === 401 ? 'This token is not known.' : e.message;
  }
});

$('sign-out').addEventListener('click', async () => {
  try { await api.signOut(); } finally { askForToken('Signed out.'); }
});

window.addEventListener('clearway:signed-out', () => askForToken('Your session has ended: sign in again.'));

function show(who) {
  $('sign-in').hidden = true;
  $('console').hidden = false;
  $('who').textContent = `${who.role} · ${who.zone === '*' ? 'whole city' : 'zone ' + who.zone} · token ${who.token}`;
  document.body.dataset.role = who.role;
  if (running) return;
  const dispatcher = atLeast(who.role, 'dispatcher');
  $('plan-now').hidden = !dispatcher;
  const bin = new BinPanel();
  const map = new CityMap($('map'), who, (id) => bin.open(id));
  const jobs = new JobQueue(who, map);
  const alarms = new Alarms(who);
  const live = new LiveFeed({
    job: () => jobs.refreshSoon(),
    alarm: () => alarms.refreshSoon(),
    bin_state: (state) => map.binState(state),
  }, (on) => {
    $('live').textContent = on ? 'live' : 'reconnecting';
    $('live').className = 'live ' + (on ? 'on' : 'off');
  });
  running = { map, jobs, alarms, live };
  window.clearwayConsole = running;
  Promise.all([map.load(), jobs.refresh(), alarms.refresh()])
    .catch((e) => { $('plan-status').textContent = 'could not load everything: ' + e.message; })
    .finally(() => { document.body.dataset.ready = 'true'; });
  // A link to a bin's page (Grafana's tables link here): /#bin=<id> opens it once signed in.
  const binFromAddress = () => {
    const m = location.hash.match(/^#bin=([A-Za-z0-9_-]{1,64})$/);
    if (m) bin.open(m[1]);
  };
  window.addEventListener('hashchange', binFromAddress);
  binFromAddress();
  $('plan-now').onclick = async () => {
    $('plan-status').textContent = 'asking…';
    try {
      const request = await api.post('/plan-requests', {});
      $('plan-status').textContent = `plan requested (${request.id})`;
    } catch (e) {
      $('plan-status').textContent = e.message;
    }
  };
}

start();
