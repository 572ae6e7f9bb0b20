// Runs the README's Node recipe (consumer-examples/node/ledger-topic.js) over live records of every topic.
//
// Usage: node decode_topics.js TOPICS_ROOT RECORDS_JSONL   (with avsc on NODE_PATH)
//
// TOPICS_ROOT holds the published per-topic schemas (<topic>/v<N>.avsc). Each line of RECORDS_JSONL is
// {"topic": <published topic name>, "offset": ..., "value": <base64>, "java": <the Java decoding>}. Exits 1 on the first
// record the recipe cannot decode or decodes differently from Java.
const fs = require('fs');
const path = require('path');
const util = require('util');
const { loadWriters, decode } = require(path.join(__dirname, '..', '..', '..', '..', 'consumer-examples', 'node', 'ledger-topic.js'));

// Node's decoding in the shape of the Java one: bytes as base64 text, records as plain objects.
function plain(value) {
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

const [root, records] = process.argv.slice(2);
const writers = new Map();
const counts = {};
for (const line of fs.readFileSync(records, 'utf8').split('\n').filter((l) => l.length > 0)) {
  const record = JSON.parse(line);
  if (!writers.has(record.topic)) writers.set(record.topic, loadWriters(path.join(root, record.topic)));
  const decoded = plain(decode(Buffer.from(record.value, 'base64'), writers.get(record.topic)));
  if (!util.isDeepStrictEqual(decoded, record.java)) {
    console.log(`differs from Java in ${record.topic} offset ${record.offset}:\n node ${JSON.stringify(decoded)}\n java ${JSON.stringify(record.java)}`);
    process.exit(1);
  }
  counts[record.topic] = (counts[record.topic] || 0) + 1;
}
const total = Object.values(counts).reduce((a, b) => a + b, 0);
console.log(`avsc decoded ${total} records of ${Object.keys(counts).length} topics from the published per-topic files alone, `
  + `each equal to the Java decoding: ${JSON.stringify(counts)}`);
