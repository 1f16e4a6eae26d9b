// Live alarms (active and acknowledged) of the signed-in zone, to acknowledge and to clear.
import { all, api, atLeast, el, shortTime } from './api.js';

export class Alarms {
  constructor(who) {
    this.who = who;
    this.body = document.querySelector('#alarms tbody');
    this.error = document.getElementById('alarms-error');
    this.timer = null;
  }

  refreshSoon() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), 300);
  }

  async refresh() {
    try {
      this.render(await all('/alarms?state=live', 1000));
    } catch (e) {
      this.error.textContent = e.message;
    }
  }

  render(alarms) {
    document.getElementById('alarms-count').textContent = `(${alarms.length})`;
    const operator = atLeast(this.who.role, 'operator');
    this.body.replaceChildren(...alarms.map((a) => el('tr', { 'data-alarm': a.id },
      el('td', {}, a.binId),
      el('td', {}, a.kind + (a.occurrences > 1 ? ` ×${a.occurrences}` : '')),
      el('td', { class: 'state' }, a.state),
      el('td', {}, shortTime(a.raisedAt)),
      el('td', { class: 'actions' },
        operator && a.state === 'active' ? this.button(a, 'acknowledge', 'Ack') : null, ' ',
        operator ? this.button(a, 'clear', 'Clear') : null))));
  }

  button(alarm, action, label) {
    return el('button', { type: 'button', class: action, onclick: async () => {
      this.error.textContent = '';
      try {
        await api.post(`/alarms/${alarm.id}/${action}`, {});
      } catch (e) {
        this.error.textContent = `alarm ${alarm.id}: ${e.message}`;
      }
      await this.refresh();
    } }, label);
  }
}
