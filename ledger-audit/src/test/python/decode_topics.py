"""Runs the README's Python recipe (consumer-examples/python/ledger_topic.py) over live records of every topic.

Usage: decode_topics.py TOPICS_ROOT RECORDS_JSONL

TOPICS_ROOT holds the published per-topic schemas (<topic>/v<N>.avsc). Each line of RECORDS_JSONL is
{"topic": <published topic name>, "offset": ..., "value": <base64>, "java": <the Java decoding>}. Exits 1 on the first
record the recipe cannot decode or decodes differently from Java.
"""
import base64
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "consumer-examples", "python"))
import ledger_topic  # noqa: E402  (the README's snippet, as published)


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
    writers = {}
    counts = {}
    with open(records) as lines:
        for line in lines:
            record = json.loads(line)
            topic = record["topic"]
            if topic not in writers:
                writers[topic] = ledger_topic.load_writers(os.path.join(root, topic))
            datum = ledger_topic.decode(base64.b64decode(record["value"]), writers[topic])
            if plain(datum) != record["java"]:
                print("differs from Java in %s offset %s:\n python %s\n java   %s" % (
                    topic, record["offset"], json.dumps(plain(datum), sort_keys=True), json.dumps(record["java"], sort_keys=True)))
                return 1
            counts[topic] = counts.get(topic, 0) + 1
    print("python3-avro decoded %d records of %d topics from the published per-topic files alone, each equal to the Java "
          "decoding: %s" % (sum(counts.values()), len(counts), json.dumps(counts, sort_keys=True)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
