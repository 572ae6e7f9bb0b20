package io.orderledger.poller.paging;

import io.orderledger.poller.source.UpstreamReject;
import java.util.List;

/**
 * What one scan read: the list entries as the source sent them (not yet parsed or mapped), the pages that were not what
 * the API promises, and how the listing was ordered. An incomplete scan (a page failed, was malformed or repeated)
 * still yields what it read, but the window does not move on it: what it missed is read again next time.
 *
 * @param incompleteReason why the scan is incomplete, or null when it read the whole window
 */
public record Listing(List<ListEntry> entries, List<UpstreamReject> rejects, String incompleteReason, int pages,
                      ListDirection direction, List<PageMark> marks) {

  public boolean complete() {
    return incompleteReason == null;
  }
}
