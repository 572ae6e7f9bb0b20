"""Decode a record value of one order-ledger topic, with only that topic's published schema files (python3-avro)."""
import glob
import io
import os
import struct

import avro.io
import avro.schema

EMPTY = 0xC15D213AA4D7A795  # the CRC-64-AVRO of nothing (Avro specification, "Schema Fingerprints")
TABLE = []
for i in range(256):
    fp = i
    for _ in range(8):
        fp = (fp >> 1) ^ (EMPTY & -(fp & 1))
    TABLE.append(fp)


def fingerprint64(canonical_form):
    fp = EMPTY
    for byte in canonical_form.encode("utf-8"):
        fp = (fp >> 8) ^ TABLE[(fp ^ byte) & 0xFF]
    return fp


def load_writers(topic_folder):
    """Every version of the topic's value schema (topics/<topic>/v<N>.avsc), by the fingerprint its records carry."""
    writers = {}
    for path in sorted(glob.glob(os.path.join(topic_folder, "v*.avsc"))):
        with open(path) as f:
            schema = avro.schema.parse(f.read())  # each file defines every type it uses: it parses alone
        writers[fingerprint64(schema.canonical_form)] = schema
    return writers


def decode(value, writers):
    """C3 01, the writer schema's 8-byte little-endian fingerprint, then the Avro binary body."""
    if value[:2] != b"\xc3\x01":
        raise ValueError("not Avro single-object encoding")
    (fingerprint,) = struct.unpack("<Q", value[2:10])
    writer = writers.get(fingerprint)
    if writer is None:
        raise ValueError("schema %016x is newer than these files: fetch the newest ones" % fingerprint)
    return avro.io.DatumReader(writer).read(avro.io.BinaryDecoder(io.BytesIO(value[10:])))
