package io.orderledger.events.codec;

/** Why bytes could not be read as an event. Each has its own remedy, so each is named. */
public enum DecodingFailure {
  /** No Avro single-object header (0xC3 0x01): not written by this contract's serializers at all. */
  NOT_SINGLE_OBJECT_ENCODED,
  /** A valid header whose schema fingerprint is none of the versions this build ships: the writer is newer, or foreign. */
  UNKNOWN_SCHEMA_FINGERPRINT,
  /** The body ends before the schema says it should. */
  TRUNCATED,
  /** The body does not follow the schema named by its fingerprint (bad lengths, bad union index, trailing bytes). */
  CORRUPT
}
