package io.orderledger.poller.paging;

import tools.jackson.databind.JsonNode;

/**
 * How one API shape is read over HTTP: the scan loop over its listing, and its single-order endpoint if it has one.
 * Every call goes through the source's resilient client, so the single-order calls share the listing's retry,
 * circuit breaker and rate budget. Never throws for upstream trouble during a scan: that is in the {@link Listing}.
 */
public interface SourcePaging {

  Listing scan(ScanWindow window);

  /** Where this source's list entries keep their id and creation time. */
  EntryKeys entryKeys();

  /**
   * Whether a scan of a narrower window (a later {@code since}) reads less: true where the source filters by creation
   * time itself or lists newest first, so the scan stops at {@code since}; false where it must page from the oldest.
   */
  default boolean narrowsCheaply(ListDirection lastDirection) {
    return lastDirection == ListDirection.NEWEST_FIRST;
  }

  /** Whether the source has a single-order endpoint at all (its list entries are then never parsed to ask). */
  default boolean hasSingleOrders() {
    return true;
  }

  /** Whether the single-order endpoint has fields this list entry lacks (false for shapes without one). */
  boolean needsDetail(JsonNode listEntry);

  /**
   * The order as the single-order endpoint shows it.
   *
   * @throws io.orderledger.poller.http.UpstreamFailure when the call failed
   * @throws UnreadableDetail when the answer is not an order
   */
  JsonNode detail(String nativeId);
}
