"""Recomputes the wallet journal's hash chain in Python, with only the published wallet-journal schemas, as README.md says.

Usage: chain_hashes.py WALLET_JOURNAL_SCHEMAS RECORDS_JSONL

WALLET_JOURNAL_SCHEMAS is the published contract/topics/wallet-journal folder (v1.avsc ... each self-contained).

Each line of RECORDS_JSONL is {"topic": ..., "offset": ..., "value": <base64 of a wallet-journal record value>}. For every
entry: decode it (single-object encoding, any released version) into the v4 WalletEntry shape, set hash to null,
encode it with Avro's plain binary encoding under the v4 schema, and check

    hash = lowercase hex of SHA-256( the 32 bytes previousHash spells || those bytes )

and that, wallet by wallet (partner and currency) in sequence order, each previousHash is the previous entry's hash
(64 zeros for sequence 1). Exits 1 on the first entry that does not hold.
"""
import base64
import hashlib
import io
import json
import os
import struct
import sys

import avro.io
import avro.schema

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "consumer-examples", "python"))
from ledger_topic import load_writers  # noqa: E402  (the README's recipe)

GENESIS = "0" * 64


def v4_wallet_entry(folder):
    """The chain's canonical form is pinned to the v4 WalletEntry (README.md, "The journal's hash chain")."""
    with open(os.path.join(folder, "v4.avsc")) as f:
        return avro.schema.parse(f.read())


def canonical_bytes(entry, schema):
    without_hash = dict(entry)
    without_hash["hash"] = None
    out = io.BytesIO()
    avro.io.DatumWriter(schema).write(without_hash, avro.io.BinaryEncoder(out))
    return out.getvalue()


def main(root, records):
    writers = load_writers(root)
    v4 = v4_wallet_entry(root)
    wallets = {}
    with open(records) as lines:
        for line in lines:
            record = json.loads(line)
            value = base64.b64decode(record["value"])
            (fp,) = struct.unpack("<Q", value[2:10])
            entry = avro.io.DatumReader(writers[fp], v4).read(avro.io.BinaryDecoder(io.BytesIO(value[10:])))
            expected = hashlib.sha256(bytes.fromhex(entry["previousHash"]) + canonical_bytes(entry, v4)).hexdigest()
            if expected != entry["hash"]:
                print("hash differs at offset %s (%s %s sequence %d): recomputed %s, recorded %s"
                      % (record["offset"], entry["partnerId"], entry["currency"], entry["sequence"], expected, entry["hash"]))
                return 1
            wallets.setdefault((entry["partnerId"], entry["currency"]), []).append(entry)
    checked = 0
    for (partner, currency), entries in sorted(wallets.items()):
        entries.sort(key=lambda e: e["sequence"])
        previous = GENESIS
        for number, entry in enumerate(entries, start=1):
            if entry["sequence"] != number or entry["previousHash"] != previous:
                print("chain of %s %s breaks at sequence %d" % (partner, currency, entry["sequence"]))
                return 1
            previous = entry["hash"]
            checked += 1
    print("recomputed %d hashes with hashlib and python3-avro over the v4 schema: every one equal to the journal's, %d wallets"
          " chained from genesis" % (checked, len(wallets)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
