// Building the page, as text only: everything shown comes from the API and is put on the page with textContent,
// never as HTML, so data cannot run as script.

const view = document.getElementById('view');

// --- building the page, as text only ---

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name === 'text') {
      node.textContent = value;
    } else if (name.startsWith('on')) {
      node.addEventListener(name.substring(2), value);
    } else {
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) {
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return node;
}

export function show(...nodes) {
  view.replaceChildren(...nodes);
}

export function badge(value) {
  return el('span', {class: 'badge ' + value, text: value});
}

export function time(ms) {
  return ms === null || ms === undefined ? '' : new Date(ms).toISOString().replace('.000Z', 'Z');
}

const fractionDigits = {};

/** The currency's decimals (ISO 4217, from the browser's own tables): 4.25 GHS, 1500 XOF, 1.250 BHD. */
export function digits(currency) {
  if (!(currency in fractionDigits)) {
    try {
      fractionDigits[currency] = new Intl.NumberFormat('en', {style: 'currency', currency}).resolvedOptions().maximumFractionDigits;
    } catch (e) {
      fractionDigits[currency] = 2;
    }
  }
  return fractionDigits[currency];
}

/**
 * An amount with its currency's decimals. JSON numbers reach the script as binary doubles, which lose the trailing
 * zeros the API sends (246.10); the currency's decimals put them back. The API's figures are exact.
 */
export function decimal(value, currency) {
  return value === null || value === undefined ? '' : Number(value).toFixed(digits(currency));
}

export function money(amount, currency) {
  return amount === null || amount === undefined ? '' : decimal(amount, currency) + ' ' + (currency || '');
}

/** A datetime-local input's value (the user's local time) as RFC 3339, or null when empty. */
export function rfc3339(localValue) {
  return localValue ? new Date(localValue).toISOString() : null;
}

export function field(label, input) {
  return el('label', {}, label, input);
}

export function select(id, options, selected) {
  return el('select', {id, name: id}, options.map(([value, text]) => el('option', {value, selected: value === selected, text})));
}
