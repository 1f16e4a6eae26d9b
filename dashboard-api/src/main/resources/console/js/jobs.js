// The job queue: open, planned and dispatched jobs, urgent first, then overdue, then by due time; assign to a truck,
// cancel, create a manual job. The API checks every move (role, zone, lifecycle); this page only asks.
import { all, api, atLeast, el, shortTime } from './api.js';

const QUEUED = ['open', 'planned', 'dispatched'];

export function queueOrder(jobs, now = Date.now()) {
  const rank = (j) => (j.priority === 'urgent' ? 0 : Date.parse(j.dueAt) < now ? 1 : 2);
  return [...jobs].sort((a, b) => rank(a) - rank(b) || Date.parse(a.dueAt) - Date.parse(b.dueAt) || a.id - b.id);
}

export class JobQueue {
  constructor(who, map) {
    this.who = who;
    this.map = map;
    this.body = document.querySelector('#jobs tbody');
    this.error = document.getElementById('jobs-error');
    this.trucks = [];
    this.timer = null;
    const form = document.getElementById('new-job');
    form.hidden = !atLeast(who.role, 'operator');
    form.onsubmit = (e) => {
      e.preventDefault();
      this.create();
    };
  }

  refreshSoon() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), 300);
  }

  async refresh() {
    try {
      const lists = await Promise.all(QUEUED.map((s) => all('/jobs?state=' + s, 1000)));
      if (atLeast(this.who.role, 'dispatcher') && this.trucks.length === 0) {
        this.trucks = (await all('/trucks')).filter((t) => t.status === 'active');
      }
      this.render(queueOrder(lists.flat()));
    } catch (e) {
      this.error.textContent = e.message;
    }
  }

  render(jobs) {
    const now = Date.now();
    document.getElementById('jobs-count').textContent = `(${jobs.length})`;
    this.body.replaceChildren(...jobs.map((j) => {
      const overdue = Date.parse(j.dueAt) < now;
      return el('tr', { class: [j.priority === 'urgent' ? 'urgent' : '', overdue ? 'overdue' : ''].join(' ').trim(),
        'data-job': j.id, 'data-bin': j.binId },
      el('td', {}, '#' + j.id),
      el('td', {}, j.binId),
      el('td', {}, j.reason + (j.priority === 'urgent' ? ' · urgent' : '')),
      el('td', { class: 'state' }, j.state),
      el('td', { class: 'due' }, shortTime(j.dueAt)),
      el('td', { class: 'truck' }, j.truckId || '—'),
      this.actions(j));
    }));
  }

  actions(job) {
    const cell = el('td', { class: 'actions' });
    if (!atLeast(this.who.role, 'dispatcher')) return cell;
    const suitable = this.trucks.filter((t) => t.streams.includes(job.stream) && t.id !== job.truckId);
    const pick = el('select', { class: 'assign-truck', 'aria-label': 'truck for job ' + job.id },
      el('option', { value: '' }, 'assign to…'), ...suitable.map((t) => el('option', { value: t.id }, t.id)));
    pick.addEventListener('change', () => pick.value && this.move(job, 'reassign', { truckId: pick.value }));
    const cancel = el('button', { class: 'cancel danger', type: 'button' }, 'Cancel');
    cancel.addEventListener('click', () => {
      const reason = el('input', { class: 'cancel-reason', placeholder: 'why?', required: true });
      const confirm = el('button', { class: 'confirm-cancel danger', type: 'button' }, 'Cancel job');
      confirm.addEventListener('click', () => {
        if (reason.value.trim()) this.move(job, 'cancel', { reason: reason.value.trim() });
        else reason.focus();
      });
      cell.replaceChildren(reason, confirm);
      reason.focus();
    });
    cell.append(pick, ' ', cancel);
    return cell;
  }

  async move(job, action, body) {
    this.error.textContent = '';
    try {
      await api.post(`/jobs/${job.id}/${action}`, body);
    } catch (e) {
      this.error.textContent = `job ${job.id}: ${e.message}`;
    }
    await this.refresh();
  }

  async create() {
    this.error.textContent = '';
    const bin = document.getElementById('new-job-bin');
    const cause = document.getElementById('new-job-cause');
    const body = { binId: bin.value.trim(), priority: document.getElementById('new-job-priority').value };
    if (cause.value.trim()) body.cause = cause.value.trim();
    try {
      const job = await api.post('/jobs', body);
      bin.value = '';
      cause.value = '';
      this.error.textContent = '';
      document.getElementById('jobs-error').textContent = `job ${job.id} created for bin ${job.binId}`;
    } catch (e) {
      this.error.textContent = e.code === 'job_exists' ? `bin ${body.binId} has an open manual job already`
        : e.message;
    }
    await this.refresh();
  }
}
