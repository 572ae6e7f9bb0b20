package io.orderledger.query.store;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One version of an order as the API showed it: from when the ledger applied it ({@code bookedAt}), and its API JSON.
 *
 * <pre>  format(1) bookedAt(8) json(...)</pre>
 */
public record StoredVersion(long bookedAt, byte[] json) {

  private static final byte FORMAT = 1;
  private static final int HEADER = 9;

  byte[] encode() {
    return ByteBuffer.allocate(HEADER + json.length).put(FORMAT).putLong(bookedAt).put(json).array();
  }

  public static long bookedAtOf(byte[] stored) {
    return ByteBuffer.wrap(stored, 1, 8).getLong();
  }

  public static byte[] jsonOf(byte[] stored) {
    return Arrays.copyOfRange(stored, HEADER, stored.length);
  }
}
