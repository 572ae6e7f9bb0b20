// Decode a record value of one order-ledger topic, with only that topic's published schema files (avsc).
const fs = require('fs');
const path = require('path');
const avro = require('avsc');

const EMPTY = 0xc15d213aa4d7a795n; // the CRC-64-AVRO of nothing (Avro specification, "Schema Fingerprints")
const TABLE = Array.from({ length: 256 }, (_, i) => {
  let fp = BigInt(i);
  for (let j = 0; j < 8; j++) fp = (fp >> 1n) ^ (EMPTY & -(fp & 1n));
  return fp;
});

function fingerprint64(canonicalForm) {
  let fp = EMPTY;
  for (const byte of Buffer.from(canonicalForm, 'utf8')) fp = (fp >> 8n) ^ TABLE[Number((fp ^ BigInt(byte)) & 0xffn)];
  return fp;
}

// Every version of the topic's value schema (topics/<topic>/v<N>.avsc), by the fingerprint its records carry.
function loadWriters(topicFolder) {
  const writers = new Map();
  for (const file of fs.readdirSync(topicFolder).filter((f) => /^v\d+\.avsc$/.test(f))) {
    // Each file defines every type it uses: it parses alone.
    const type = avro.Type.forSchema(JSON.parse(fs.readFileSync(path.join(topicFolder, file), 'utf8')));
    writers.set(fingerprint64(JSON.stringify(type.schema())), type); // schema(): the Parsing Canonical Form
  }
  return writers;
}

// C3 01, the writer schema's 8-byte little-endian fingerprint, then the Avro binary body.
function decode(value, writers) {
  if (value[0] !== 0xc3 || value[1] !== 0x01) throw new Error('not Avro single-object encoding');
  const writer = writers.get(value.readBigUInt64LE(2));
  if (!writer) throw new Error(`schema ${value.readBigUInt64LE(2).toString(16)} is newer than these files: fetch the newest ones`);
  return writer.fromBuffer(value.subarray(10));
}

module.exports = { loadWriters, decode, fingerprint64 };
