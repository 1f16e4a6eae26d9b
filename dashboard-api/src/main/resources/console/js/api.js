// Calls to the dashboard API with the session cookie (HttpOnly: this page never sees it). Every change carries the
// console header, which the API requires of a cookie-authenticated change.
const HEADERS = { 'X-Clearway-Console': '1' };

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function call(method, path, body) {
  const init = { method, credentials: 'same-origin', headers: { ...HEADERS } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  if (response.status === 204) {
    return null;
  }
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const error = (json && json.error) || {};
    if (response.status === 401 && path !== '/console/session') {
      window.dispatchEvent(new CustomEvent('clearway:signed-out'));
    }
    throw new ApiError(response.status, error.code || 'error', error.message || response.statusText);
  }
  return json;
}

export const api = {
  get: (path) => call('GET', path),
  post: (path, body) => call('POST', path, body === undefined ? {} : body),
  signIn: (token) => call('POST', '/console/session', { token }),
  session: () => call('GET', '/console/session'),
  signOut: () => call('POST', '/console/session/end'),
};

/** All pages of a paginated list (at most `max` items). */
export async function all(path, max = 2000) {
  const items = [];
  let cursor = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page = await api.get(path + sep + 'limit=500' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < max);
  return items;
}

/** Text for the DOM, never HTML. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

export function shortTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  const today = new Date().toDateString() === d.toDateString();
  return today ? d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : d.toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export const ROLES = ['viewer', 'operator', 'dispatcher', 'admin'];
export function atLeast(role, needed) {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}
