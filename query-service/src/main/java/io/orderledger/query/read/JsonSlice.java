package io.orderledger.query.read;

import java.nio.charset.StandardCharsets;

/** Rendered JSON inside bytes read from a store: served by copying, never by parsing or serialising again. */
public record JsonSlice(byte[] bytes, int offset, int length) {

  public static JsonSlice of(byte[] json) {
    return new JsonSlice(json, 0, json.length);
  }

  /** From {@code offset} to the end. */
  public static JsonSlice from(byte[] bytes, int offset) {
    return new JsonSlice(bytes, offset, bytes.length - offset);
  }

  @Override
  public String toString() {
    return new String(bytes, offset, length, StandardCharsets.UTF_8);
  }
}
