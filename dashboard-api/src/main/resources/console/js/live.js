// The API's server-sent events (GET /events) with the session cookie; EventSource resumes with Last-Event-ID by itself.
export class LiveFeed {
  constructor(handlers, onState) {
    this.source = new EventSource('/events');
    this.source.onopen = () => onState(true);
    this.source.onerror = () => onState(false);
    for (const [type, handle] of Object.entries(handlers)) {
      this.source.addEventListener(type, (event) => handle(JSON.parse(event.data)));
    }
  }

  close() {
    this.source.close();
  }
}
