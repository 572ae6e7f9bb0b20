// The API as the console calls it: the key typed at sign-in, kept in this tab's session storage only, sent as
// X-API-KEY; never in a URL, a cookie or a log.

export const KEY = 'orderLedgerApiKey';
export const PARTNER = 'orderLedgerPartner';

// --- the API ---

export class ApiError extends Error {
  constructor(status, code, message, retryAfter) {
    super(message || code || ('HTTP ' + status));
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }
}

export async function api(path, key = sessionStorage.getItem(KEY)) {
  let response;
  try {
    response = await fetch(path, {headers: {'X-API-KEY': key || '', 'Accept': 'application/json'}, cache: 'no-store'});
  } catch (e) {
    throw new ApiError(0, 'NETWORK', 'The console cannot reach the API.');
  }
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    body = null;
  }
  if (!response.ok) {
    const error = body && body.error ? body.error : {};
    throw new ApiError(response.status, error.code, error.message, response.headers.get('Retry-After'));
  }
  return body.data;
}

/** Every page of a cursor-paged answer, up to {@code max} items. */
export async function allPages(path, field, max) {
  const items = [];
  let cursor = null;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const data = await api(path + separator + 'limit=100' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
    items.push(...data[field]);
    cursor = data.isDone || items.length >= max ? null : data.continueCursor;
  } while (cursor);
  return items;
}
