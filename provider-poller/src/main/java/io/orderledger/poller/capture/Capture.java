package io.orderledger.poller.capture;

import io.orderledger.poller.source.UpstreamReject;
import java.util.List;

/**
 * What a scan's entries came to: the orders that are new or whose list entry changed, captured; what could not be
 * mapped, to reject; and how much was skipped or fetched.
 *
 * @param unchanged how many entries were identical to the last scan's: not mapped again (only counted: most entries of
 *     most scans are unchanged, and a map of them, of which only the size was read, was about 5% of the pollers' CPU)
 * @param incompleteReason set when a single-order call failed: the order is read again next time
 * @param detailsFetched single-order calls made
 * @param pageRejects the scan's malformed pages, redacted ({@link Redactor#body}): always reported
 */
public record Capture(List<CapturedOrder> orders, List<UpstreamReject> rejects, int unchanged,
                      String incompleteReason, int detailsFetched, List<UpstreamReject> pageRejects) {

  public Capture(List<CapturedOrder> orders, List<UpstreamReject> rejects, int unchanged, String incompleteReason,
                 int detailsFetched) {
    this(orders, rejects, unchanged, incompleteReason, detailsFetched, List.of());
  }
}
