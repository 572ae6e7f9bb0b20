// Every Avro payload of the AsyncAPI document parses with avsc (the AsyncAPI CLI converts Avro payloads but does not
// reject a broken one), and its x-single-object-header is the header avsc's canonical form gives.
//
// Usage: node check_asyncapi_payloads.js ASYNCAPI_JSON   (with avsc on NODE_PATH)
const fs = require('fs');
const path = require('path');
const avro = require('avsc');
const { fingerprint64 } = require(path.join(__dirname, '..', '..', '..', '..', 'consumer-examples', 'node', 'ledger-topic.js'));

const doc = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
let checked = 0;
for (const [id, message] of Object.entries(doc.components.messages)) {
  if (!String(message.payload.schemaFormat || '').startsWith('application/vnd.apache.avro')) continue;
  const type = avro.Type.forSchema(message.payload.schema);
  const header = Buffer.alloc(10);
  header[0] = 0xc3;
  header[1] = 0x01;
  header.writeBigUInt64LE(fingerprint64(JSON.stringify(type.schema())), 2);
  const expected = [...header].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
  if (message['x-single-object-header'] !== expected) {
    console.log(`${id}: x-single-object-header ${message['x-single-object-header']}, avsc computes ${expected}`);
    process.exit(1);
  }
  checked++;
}
console.log(`avsc parsed ${checked} Avro payloads, each with the single-object header the document states`);
