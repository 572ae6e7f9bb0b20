// The order ledger's web console: a client of the API like any other (pages and routing). The API key typed at
// sign-in is kept in this tab's session storage and sent as X-API-KEY; it never goes into a URL, a cookie or a log.
// Everything shown comes from the API and is put on the page as text (textContent), never as HTML, so data cannot
// run as script. The order types and states are the API's own, served by it (vocabulary.js), never listed here.
import {KEY, PARTNER, api, allPages} from './api.js';
import {el, show, badge, time, decimal, money, rfc3339, field, select} from './dom.js';
import {drawChart} from './chart.js';
import {TYPES, STATES} from './vocabulary.js';

const REFRESH_MS = 3000;
const CHART_LIMIT = 5000;
const view = document.getElementById('view');
let refreshTimer = null;
let ordersLoads = 0;
let retryTimer = null;

// --- errors: a readable message and a way on, never a blank page ---

function showError(error, retry) {
  clearTimeout(retryTimer);
  if (error.status === 401) {
    signOut('This API key is not accepted any more. Sign in again.');
    return;
  }
  const messages = {
    0: error.message,
    400: 'The request was not accepted: ' + error.message,
    403: 'This API key lacks the permission this page needs (' + (error.message || 'FORBIDDEN') + ').',
    404: 'Not found.',
    429: 'Too many requests for this key.',
    503: 'The partner\'s data is restoring or moving.'
  };
  const text = messages[error.status] || ('Something went wrong (' + (error.code || error.status) + ').');
  const parts = [el('p', {text})];
  const wait = Number(error.retryAfter);
  if ((error.status === 429 || error.status === 503) && wait > 0) {
    parts.push(el('p', {text: 'Trying again in ' + wait + ' s.'}));
    retryTimer = setTimeout(retry, wait * 1000);
  }
  if (retry) {
    parts.push(el('button', {type: 'button', onclick: retry, text: 'Try again'}));
  }
  show(el('div', {class: 'message error', role: 'alert', 'data-error': error.code || String(error.status)}, parts));
}

// --- sign in and out ---

function signInPage(notice) {
  document.getElementById('nav').hidden = true;
  const key = el('input', {id: 'api-key', name: 'api-key', type: 'password', autocomplete: 'off', required: true});
  const status = el('p', {id: 'sign-in-status', role: 'status', class: notice ? 'message error' : null, text: notice || ''});
  const form = el('form', {class: 'inline', id: 'sign-in', onsubmit: async (event) => {
    event.preventDefault();
    status.className = 'message info';
    status.textContent = 'Checking the key…';
    try {
      const wallet = await api('/api/v1/wallet', key.value);
      sessionStorage.setItem(KEY, key.value);
      sessionStorage.setItem(PARTNER, wallet.partnerId);
      key.value = '';
      location.hash = '#/orders';
      route();
    } catch (error) {
      status.className = 'message error';
      status.textContent = error.status === 401 ? 'This API key is not accepted.'
        : error.status === 403 ? 'This API key lacks the wallet:read permission the console needs.'
          : 'The key could not be checked: ' + error.message;
      key.focus();
    }
  }}, field('API key', key), el('button', {type: 'submit', text: 'Sign in'}));
  show(el('h1', {text: 'Sign in'}), el('p', {text: 'Your partner API key (X-API-KEY). It stays in this tab only and is forgotten when you sign out or close it.'}),
    form, status);
  key.focus();
}

function signOut(notice) {
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(PARTNER);
  stopRefresh();
  location.hash = '';
  signInPage(notice);
}

// --- orders ---

const orderState = {filters: {orderType: '', state: '', createdFrom: '', createdTo: ''}, cursors: [null]};

function ordersQuery() {
  const f = orderState.filters;
  const params = new URLSearchParams();
  if (f.orderType) params.set('orderType', f.orderType);
  if (f.state) params.set('state', f.state);
  if (f.createdFrom) params.set('createdFrom', rfc3339(f.createdFrom));
  if (f.createdTo) params.set('createdTo', rfc3339(f.createdTo));
  return params;
}

async function ordersPage() {
  const f = orderState.filters;
  const form = el('form', {class: 'filters', id: 'order-filters', onsubmit: (event) => {
    event.preventDefault();
    f.orderType = document.getElementById('orderType').value;
    f.state = document.getElementById('state').value;
    f.createdFrom = document.getElementById('createdFrom').value;
    f.createdTo = document.getElementById('createdTo').value;
    orderState.cursors = [null];
    ordersPage();
  }},
  field('Order type', select('orderType', [['', 'data and result checker'], ['all', 'all types'], ...TYPES.map(t => [t, t])], f.orderType)),
  field('State', select('state', [['', 'any'], ...STATES.map(s => [s, s])], f.state)),
  field('Created from', el('input', {id: 'createdFrom', type: 'datetime-local', value: f.createdFrom})),
  field('Created to', el('input', {id: 'createdTo', type: 'datetime-local', value: f.createdTo})),
  el('button', {type: 'submit', text: 'Show'}));
  const table = el('div', {class: 'table-wrap', id: 'orders'});
  const pager = el('div', {class: 'pager'});
  show(el('h1', {text: 'Orders'}), form, table, pager);
  await loadOrders(table, pager);
}

async function loadOrders(table, pager) {
  stopRefresh();
  // Only the newest load may draw: a refresh still in flight when "older" is pressed must not draw page 1 over page 2.
  const load = ++ordersLoads;
  const cursor = orderState.cursors[orderState.cursors.length - 1];
  const params = ordersQuery();
  if (cursor) params.set('cursor', cursor);
  let data;
  try {
    data = await api('/api/v1/orders?' + params.toString());
  } catch (error) {
    if (load === ordersLoads) {
      showError(error, ordersPage);
    }
    return;
  }
  if (load !== ordersLoads) {
    return;
  }
  table.replaceChildren(ordersTable(data.orders));
  const newer = el('button', {type: 'button', id: 'newer', disabled: orderState.cursors.length === 1, text: '← Newer', onclick: () => {
    orderState.cursors.pop();
    loadOrders(table, pager);
  }});
  const older = el('button', {type: 'button', id: 'older', disabled: data.isDone, text: 'Older →', onclick: () => {
    orderState.cursors.push(data.continueCursor);
    loadOrders(table, pager);
  }});
  pager.replaceChildren(newer, older, el('span', {class: 'partner', text: 'page ' + orderState.cursors.length}));
  if (orderState.cursors.length === 1) {
    // The newest page keeps itself up to date: new orders and state changes appear without a reload.
    refreshTimer = setTimeout(() => {
      if (document.getElementById('orders') === table) {
        loadOrders(table, pager);
      }
    }, REFRESH_MS);
  }
}

function ordersTable(orders) {
  if (orders.length === 0) {
    return el('p', {class: 'message info', text: 'No orders match.'});
  }
  return el('table', {},
    el('thead', {}, el('tr', {}, ['Created', 'Order', 'Type', 'State', 'Amount'].map(h => el('th', {scope: 'col', text: h})))),
    el('tbody', {}, orders.map(o => el('tr', {'data-order-id': o._id},
      el('td', {text: time(o.createdAt)}),
      el('td', {}, el('a', {href: '#/orders/' + encodeURIComponent(o._id), text: o._id})),
      el('td', {text: o.orderType}),
      el('td', {}, badge(o.state)),
      el('td', {class: 'num', text: money(o.amount, o.currency)})))));
}

// --- one order and its timeline ---

async function orderPage(orderId, asOf) {
  stopRefresh();
  let order;
  let history;
  try {
    const path = '/api/v1/orders/' + encodeURIComponent(orderId);
    order = await api(path + (asOf ? '?asOf=' + encodeURIComponent(rfc3339(asOf)) : ''));
    history = await allPages(path + '/history', 'history', 10000);
  } catch (error) {
    if (error.status === 404) {
      // The same page whether the order does not exist or is another partner's (the API answers alike).
      show(el('h1', {text: 'Order not found'}), el('p', {class: 'message info', id: 'not-found',
        text: asOf ? 'No such order for this key at that time.' : 'No such order for this key.'}),
      el('a', {href: '#/orders', text: '← Orders'}));
      return;
    }
    showError(error, () => orderPage(orderId, asOf));
    return;
  }
  const asOfInput = el('input', {id: 'as-of', type: 'datetime-local', step: 1, value: asOf || ''});
  const asOfForm = el('form', {class: 'inline', id: 'as-of-form', onsubmit: (event) => {
    event.preventDefault();
    orderPage(orderId, asOfInput.value || null);
  }}, field('As of', asOfInput), el('button', {type: 'submit', text: 'Show as it was'}),
  asOf ? el('button', {type: 'button', text: 'Now', onclick: () => orderPage(orderId, null)}) : null);
  const fields = el('dl', {class: 'fields', id: 'order-fields'},
    Object.entries(order).flatMap(([name, value]) => [el('dt', {text: name}),
      el('dd', {text: value === null ? 'null' : typeof value === 'object' ? JSON.stringify(value) : String(value)})]));
  show(el('a', {href: '#/orders', text: '← Orders'}),
    el('h1', {}, 'Order ', el('code', {text: order._id}), ' ', badge(order.state)),
    asOf ? el('p', {class: 'message info', id: 'as-of-note', text: 'As it was at ' + new Date(asOf).toISOString()}) : null,
    asOfForm, el('h2', {text: 'Fields'}), fields,
    el('h2', {text: 'Timeline (' + history.length + ')'}), timeline(history));
}

function timeline(history) {
  return el('ol', {class: 'timeline', id: 'timeline'}, history.map(h => el('li', {'data-decision': h.decision, 'data-state-after': h.stateAfter},
    el('div', {class: 'when', text: time(h.decidedAt) + ' · source said ' + (h.source && h.source.nativeStatus ? h.source.nativeStatus : '?')
      + ' at ' + time(h.occurredAt)}),
    el('div', {}, badge(h.decision), ' ', (h.stateBefore || 'new') + ' → ' + (h.stateAfter || '—'),
      h.rejectReason ? ' · ' + h.rejectReason + (h.detail ? ': ' + h.detail : '') : ''),
    h.changedFields && h.changedFields.length ? el('div', {text: 'changed: ' + h.changedFields.join(', ')}) : null,
    h.movements && h.movements.length ? el('ul', {}, h.movements.map(m => el('li', {text: m.kind + ' ' + money(m.amount, h.currency)
      + ' · balance ' + decimal(m.balanceBefore, h.currency) + ' → ' + decimal(m.balanceAfter, h.currency) + ' · sequence ' + m.sequence}))) : null,
    h.discrepancies && h.discrepancies.length ? el('div', {text: 'discrepancies: ' + h.discrepancies.join(', ')}) : null,
    h.sourceRecord ? el('details', {}, el('summary', {text: 'Source record'}),
      el('pre', {class: 'record', text: JSON.stringify(h.sourceRecord, null, 2)})) : null)));
}

// --- wallet ---

async function walletPage(currency, from, to) {
  stopRefresh();
  let wallet;
  try {
    wallet = await api('/api/v1/wallet');
  } catch (error) {
    showError(error, () => walletPage(currency, from, to));
    return;
  }
  const currencies = wallet.wallets.map(w => w.currency);
  const chosen = currency || wallet.currency || currencies[0] || 'GHS';
  const balances = el('table', {id: 'balances'},
    el('thead', {}, el('tr', {}, ['Currency', 'Balance', 'Movements', 'Last movement'].map(h => el('th', {scope: 'col', text: h})))),
    el('tbody', {}, wallet.wallets.map(w => el('tr', {},
      el('td', {text: w.currency}), el('td', {class: 'num', text: decimal(w.balance, w.currency)}), el('td', {class: 'num', text: w.movements}),
      el('td', {text: time(w.lastMovementAt)})))));
  const fromInput = el('input', {id: 'from', type: 'datetime-local', value: from || ''});
  const toInput = el('input', {id: 'to', type: 'datetime-local', value: to || ''});
  const form = el('form', {class: 'filters', id: 'statement-form', onsubmit: (event) => {
    event.preventDefault();
    walletPage(document.getElementById('currency').value, fromInput.value || null, toInput.value || null);
  }}, field('Currency', select('currency', currencies.map(c => [c, c]), chosen)), field('From', fromInput), field('To', toInput),
  el('button', {type: 'submit', text: 'Show'}));
  const chart = el('div', {id: 'chart', role: 'img', 'aria-label': 'Balance over time'});
  const statement = el('div', {id: 'statement'});
  show(el('h1', {text: 'Wallet'}), el('div', {class: 'table-wrap'}, balances), el('h2', {text: 'Statement'}), form, chart, statement);
  if (currencies.length === 0) {
    statement.replaceChildren(el('p', {class: 'message info', text: 'No movements yet.'}));
    return;
  }
  const params = new URLSearchParams({currency: chosen});
  if (from) params.set('from', rfc3339(from));
  if (to) params.set('to', rfc3339(to));
  let entries;
  let chain;
  try {
    const first = await api('/api/v1/wallet/statement?limit=1&' + params.toString());
    chain = first.chain;
    entries = await allPages('/api/v1/wallet/statement?' + params.toString(), 'entries', CHART_LIMIT);
  } catch (error) {
    showError(error, () => walletPage(currency, from, to));
    return;
  }
  drawChart(chart, entries, chosen);
  statement.replaceChildren(chainStatus(chain), exportLink(entries, chosen), statementTable(entries));
}

function chainStatus(chain) {
  const text = chain.status === 'verified' ? 'Hash chain verified through sequence ' + chain.checkedThrough
    : chain.status === 'broken' ? 'Hash chain broken at sequence ' + chain.firstBrokenSequence + ' (' + chain.problem + ')'
      : 'No movements';
  return el('p', {class: 'chain ' + chain.status, id: 'chain', text});
}


function exportLink(entries, currency) {
  const header = ['sequence', 'bookedAt', 'kind', 'direction', 'orderId', 'amount', 'currency', 'balanceBefore', 'balanceAfter', 'hash'];
  // Text a spreadsheet would run as a formula (OWASP CSV injection: =, +, -, @, tab, CR first) gets a leading
  // apostrophe; order ids come from upstream sources. Numbers are the ledger's own: a minus there is a sign.
  const cell = (value, isText) => {
    let text = value === null || value === undefined ? '' : String(value);
    if (isText && /^[=+\-@\t\r]/.test(text)) {
      text = "'" + text;
    }
    return /[",\n\r]/.test(text) || text.startsWith("'") ? '"' + text.replace(/"/g, '""') + '"' : text;
  };
  const number = (value) => cell(value, false);
  const text = (value) => cell(value, true);
  const rows = entries.map(e => [number(e.sequence), number(e.bookedAt), text(e.kind), text(e.direction), text(e.orderId),
    number(decimal(e.amount, e.currency)), text(e.currency), number(decimal(e.balanceBefore, e.currency)),
    number(decimal(e.balanceAfter, e.currency)), text(e.hash)].join(','));
  const csv = [header.join(','), ...rows].join('\n') + '\n';
  return el('p', {}, el('a', {id: 'export-csv', download: 'statement-' + currency + '.csv',
    href: 'data:text/csv;charset=utf-8,' + encodeURIComponent(csv), text: 'Export this period as CSV (' + entries.length + ' movements)'}));
}

function statementTable(entries) {
  return el('div', {class: 'table-wrap'}, el('table', {id: 'statement-table'},
    el('thead', {}, el('tr', {}, ['#', 'Booked', 'Kind', 'Order', 'Amount', 'Balance after', 'Hash'].map(h => el('th', {scope: 'col', text: h})))),
    el('tbody', {}, entries.map(e => el('tr', {'data-sequence': e.sequence},
      el('td', {class: 'num', text: e.sequence}), el('td', {text: time(e.bookedAt)}), el('td', {text: e.kind}),
      el('td', {}, el('a', {href: '#/orders/' + encodeURIComponent(e.orderId), text: e.orderId})),
      el('td', {class: 'num', text: (e.direction === 'debit' ? '−' : '+') + decimal(e.amount, e.currency)}),
      el('td', {class: 'num', text: decimal(e.balanceAfter, e.currency)}),
      el('td', {text: e.hash ? e.hash.substring(0, 12) + '…' : '', title: e.hash}))))));
}

// --- discrepancies ---

async function discrepanciesPage() {
  stopRefresh();
  let items;
  try {
    items = await allPages('/api/v1/wallet/discrepancies', 'discrepancies', 1000);
  } catch (error) {
    showError(error, discrepanciesPage);
    return;
  }
  const body = items.length === 0 ? el('p', {class: 'message info', text: 'No discrepancies: the sources agree with the ledger.'})
    : el('div', {class: 'table-wrap'}, el('table', {id: 'discrepancies'},
      el('thead', {}, el('tr', {}, ['When', 'Kind', 'Order', 'Amount', 'Ledger balance', 'Source\'s balance'].map(h => el('th', {scope: 'col', text: h})))),
      el('tbody', {}, items.map(d => el('tr', {},
        el('td', {text: time(d.occurredAt)}), el('td', {text: d.kind}),
        el('td', {}, el('a', {href: '#/orders/' + encodeURIComponent(d.orderId), text: d.orderId})),
        el('td', {class: 'num', text: money(d.amount, d.currency) + (d.previousAmount !== null ? ' (was ' + decimal(d.previousAmount, d.currency) + ')' : '')}),
        el('td', {class: 'num', text: decimal(d.computedBalanceBefore, d.currency) + ' → ' + decimal(d.computedBalanceAfter, d.currency)}),
        el('td', {class: 'num', text: d.sourceBalanceBefore === null ? '—'
          : decimal(d.sourceBalanceBefore, d.currency) + ' → ' + decimal(d.sourceBalanceAfter, d.currency)}))))));
  show(el('h1', {text: 'Discrepancies'}),
    el('p', {text: 'Where a source\'s own wallet figures disagreed with the ledger\'s, an amount changed after it was booked, or a sale was reversed for more than it credited. Newest first.'}),
    body);
}

// --- routing ---

function stopRefresh() {
  clearTimeout(refreshTimer);
  clearTimeout(retryTimer);
}

function route() {
  stopRefresh();
  if (!sessionStorage.getItem(KEY)) {
    signInPage();
    return;
  }
  document.getElementById('nav').hidden = false;
  document.getElementById('partner').textContent = sessionStorage.getItem(PARTNER) || '';
  const hash = location.hash || '#/orders';
  const order = hash.match(/^#\/orders\/(.+)$/);
  if (order) {
    orderPage(decodeURIComponent(order[1]), null);
  } else if (hash === '#/wallet') {
    walletPage(null, null, null);
  } else if (hash === '#/discrepancies') {
    discrepanciesPage();
  } else {
    ordersPage();
  }
  view.focus();
}

document.getElementById('sign-out').addEventListener('click', () => signOut());
window.addEventListener('hashchange', route);
route();
