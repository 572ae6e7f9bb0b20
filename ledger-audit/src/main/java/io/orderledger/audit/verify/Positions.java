package io.orderledger.audit.verify;

/** A record's place in a topic (partition, offset) packed into one long: 20 bits of partition, 43 of offset. */
public final class Positions {

  private Positions() {
  }

  public static long of(int partition, long offset) {
    return ((long) partition << 43) | offset;
  }

  public static int partition(long position) {
    return (int) (position >>> 43);
  }

  public static long offset(long position) {
    return position & ((1L << 43) - 1);
  }
}
