package io.orderledger.poller.paging;

/**
 * Where a source's list entry keeps the two things a scan needs before any mapping: the order's id (to tell whether
 * this is an order it has seen, and with which digest) and its creation time (to page by, and to keep the window).
 * The page reader picks them out as it streams past, so an entry that has not changed is never built into a tree.
 *
 * @param idField the entry's top-level member holding the source's order id
 * @param createdAtField the top-level member holding its creation time
 * @param createdAtFormat how that time is written
 */
public record EntryKeys(String idField, String createdAtField, TimeFormat createdAtFormat) {

  /** How a source writes a creation time. */
  public enum TimeFormat {
    /** A JSON integer of milliseconds since the epoch (NetConnect's {@code createdAt}). */
    EPOCH_MILLIS,
    /** An RFC 3339 string ({@code 2026-04-01T12:27:14.454Z}). */
    RFC3339
  }
}
