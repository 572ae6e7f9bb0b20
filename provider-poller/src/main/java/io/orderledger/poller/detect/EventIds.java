package io.orderledger.poller.detect;

/**
 * Event ids are made of what the change is, never of when it was seen: {@code <source>/<order id>/<n>-<record>}, where
 * {@code n} counts the order's recorded changes (kept in the checkpoint, committed with the events) and {@code record}
 * is the start of the source record's SHA-256. The same change observed twice (after a restart, by a zombie) has the
 * same id, and the ledger drops the repeat; an order that changes back to how it was still gets a new id.
 */
public final class EventIds {

  private EventIds() {
  }

  public static String of(String sourceId, String orderId, int revision, String recordSha) {
    return sourceId + "/" + orderId + "/" + revision + "-" + recordSha.substring(0, Math.min(16, recordSha.length()));
  }
}
