// The wallet's balance over a period, drawn with uPlot (served from its WebJar by this app, a classic script that
// defines the global uPlot). For drawing only: the figures in the statement table are the API's, exact.
import {el} from './dom.js';

export function drawChart(container, entries, currency) {
  container.setAttribute('data-points', String(entries.length));
  if (entries.length === 0 || typeof uPlot === 'undefined') {
    container.replaceChildren(el('p', {class: 'message info', text: entries.length === 0 ? 'No movements in this period.' : 'Chart unavailable.'}));
    return;
  }
  const xs = entries.map(e => e.bookedAt / 1000);
  const ys = entries.map(e => Number(e.balanceAfter)); // for drawing only: the figures in the table are exact
  container.replaceChildren();
  const width = Math.max(280, Math.min(container.clientWidth || 800, 1100));
  // Drag across the chart to zoom into a period; double-click to zoom out.
  new uPlot({width, height: 280, scales: {x: {time: true}}, cursor: {drag: {x: true, y: false}},
    series: [{}, {label: 'Balance (' + currency + ')', stroke: '#1f5fa8', width: 1.5, points: {show: entries.length < 200}}]},
  [xs, ys], container);
}
