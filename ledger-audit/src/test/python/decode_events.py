"""Decodes the order ledger's Kafka records in Python with only the published .avsc files, as README.md says.

Usage: decode_events.py SCHEMA_ROOT RECORDS_JSONL

SCHEMA_ROOT holds v1/, v2/, ... each with an index.txt naming its .avsc files in order. Each line of RECORDS_JSONL is
{"topic": ..., "offset": ..., "value": <base64 of the record value>, "java": <the Java decoding>}. The script decodes
every value (marker C3 01, 8-byte little-endian CRC-64-AVRO fingerprint of the writer schema's Parsing Canonical Form,
then Avro binary), compares with the Java decoding, and exits 1 on the first difference.
"""
import base64
import io
import json
import os
import struct
import sys

import avro.errors
import avro.io
import avro.schema

EMPTY = 0xC15D213AA4D7A795


def _table():
    table = []
    for i in range(256):
        fp = i
        for _ in range(8):
            fp = (fp >> 1) ^ (EMPTY & -(fp & 1))
        table.append(fp)
    return table


TABLE = _table()


def fingerprint64(text):
    """The Avro specification's 64-bit Rabin fingerprint (CRC-64-AVRO); python3-avro 1.11 does not ship one."""
    fp = EMPTY
    for byte in text.encode("utf-8"):
        fp = (fp >> 8) ^ TABLE[(fp ^ byte) & 0xFF]
    return fp


def parse_all(documents):
    """Parses the documents in this order into one set of names; raises if one refers to a type not yet parsed."""
    names = avro.schema.Names()
    parsed = []
    for data in documents:
        # Short references ("OrderState") resolve in the file's own namespace, as the specification says.
        names.default_namespace = data.get("namespace")
        parsed.append(avro.schema.make_avsc_object(data, names))
    return parsed


def load_version(folder):
    """A version's schemas. Its index lists the files, not always in dependency order: find one that parses."""
    with open(os.path.join(folder, "index.txt")) as index:
        files = [line.strip() for line in index if line.strip() and not line.startswith("#")]
    pending = []
    for name in files:
        with open(os.path.join(folder, name)) as f:
            pending.append(json.load(f))
    ordered = []
    while pending:
        for data in pending:
            try:
                parse_all(ordered + [data])
            except avro.errors.SchemaParseException:
                continue
            ordered.append(data)
            pending.remove(data)
            break
        else:
            raise ValueError("the schemas of %s refer to types none of them defines" % folder)
    return parse_all(ordered)


def load_writers(root):
    writers = {}
    version = 1
    while os.path.exists(os.path.join(root, "v%d" % version, "index.txt")):
        for schema in load_version(os.path.join(root, "v%d" % version)):
            if schema.type == "record":
                writers.setdefault(fingerprint64(schema.canonical_form), schema)
        version += 1
    return writers


def plain(value):
    """Python's decoding in the shape of the Java one: bytes as base64 text, everything else as it is."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def main(root, records):
    writers = load_writers(root)
    decoded = 0
    with open(records) as lines:
        for line in lines:
            record = json.loads(line)
            value = base64.b64decode(record["value"])
            if value[:2] != b"\xc3\x01":
                print("not single-object encoded: %s offset %s" % (record["topic"], record["offset"]))
                return 1
            (fp,) = struct.unpack("<Q", value[2:10])
            writer = writers.get(fp)
            if writer is None:
                print("unknown fingerprint %x in %s offset %s" % (fp, record["topic"], record["offset"]))
                return 1
            datum = avro.io.DatumReader(writer, writer).read(avro.io.BinaryDecoder(io.BytesIO(value[10:])))
            if plain(datum) != record["java"]:
                print("differs from Java in %s offset %s:\n python %s\n java   %s" % (record["topic"], record["offset"],
                                                                                  json.dumps(plain(datum), sort_keys=True),
                                                                                  json.dumps(record["java"], sort_keys=True)))
                return 1
            decoded += 1
    print("decoded %d records with python3-avro, each equal to the Java decoding" % decoded)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
