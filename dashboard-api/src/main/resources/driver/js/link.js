// The truck unit's MQTT connection (docs/trucks.md) over WebSockets, with Eclipse Paho's JavaScript client (a classic
// script loaded before the modules: globalThis.Paho). A persistent session (cleanSession false) under the truck's own
// client id and account, subscribed to its route (retained) and replies; reconnects on its own after a loss, with a
// growing pause, and then sends what the driver queued meanwhile, in order.
const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 10000;
const BAD_CREDENTIALS = /return code:\s*(4|5)\b/;

export class Link {
  /**
   * @param {{url: string, truck: string, password: string, prefix: string}} account
   * @param {{onState: Function, onRoute: Function, onReply: Function, onConnected: Function, onRefused: Function}} on
   */
  constructor(account, on) {
    this.account = account;
    this.on = on;
    this.client = null;
    this.online = false;
    this.stopped = false;
    this.retryMs = RETRY_MIN_MS;
    this.timer = null;
  }

  topic(name) {
    return `${this.account.prefix}trucks/${this.account.truck}/${name}`;
  }

  start() {
    this.stopped = false;
    this.connect();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.client && this.online) {
      try { this.client.disconnect(); } catch (e) { /* already gone */ }
    }
    this.online = false;
  }

  connect() {
    if (this.stopped) {
      return;
    }
    this.on.onState('connecting');
    const client = new Paho.Client(this.account.url, this.account.truck);
    this.client = client;
    client.onConnectionLost = () => this.lost(client);
    client.onMessageArrived = (message) => this.arrived(message);
    client.connect({
      userName: this.account.truck,
      password: this.account.password,
      cleanSession: false,
      mqttVersion: 4,
      keepAliveInterval: 20,
      timeout: 10,
      onSuccess: () => {
        if (client !== this.client) {
          return;
        }
        this.retryMs = RETRY_MIN_MS;
        client.subscribe(this.topic('route'), { qos: 1 });
        client.subscribe(this.topic('replies'), { qos: 1 });
        this.online = true;
        this.on.onState('online');
        this.on.onConnected();
      },
      onFailure: (error) => {
        if (client !== this.client) {
          return;
        }
        if (BAD_CREDENTIALS.test(error.errorMessage || '')) {
          this.stopped = true;
          this.on.onState('offline');
          this.on.onRefused(error.errorMessage);
          return;
        }
        this.lost(client);
      },
    });
  }

  lost(client) {
    if (client !== this.client) {
      return;
    }
    this.online = false;
    this.on.onState('offline');
    if (!this.stopped) {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.connect(), this.retryMs);
      this.retryMs = Math.min(RETRY_MAX_MS, this.retryMs * 2);
    }
  }

  arrived(message) {
    let body;
    try {
      body = JSON.parse(message.payloadString);
    } catch (e) {
      return; // not ours to read
    }
    if (message.destinationName === this.topic('route')) {
      this.on.onRoute(body);
    } else if (message.destinationName === this.topic('replies')) {
      this.on.onReply(body);
    }
  }

  /** Publishes on the truck's topic {@code name}; false when not connected (the caller keeps it queued). */
  publish(name, payload, qos) {
    if (!this.online || !this.client) {
      return false;
    }
    try {
      this.client.send(this.topic(name), payload, qos, false);
      return true;
    } catch (e) {
      return false;
    }
  }
}
