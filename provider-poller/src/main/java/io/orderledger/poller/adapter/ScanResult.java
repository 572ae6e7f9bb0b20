package io.orderledger.poller.adapter;

import java.util.List;

/**
 * What one scan saw. An incomplete scan (a page failed, was malformed or looked duplicated) still yields the changes
 * it saw, but the poller does not narrow its window on it: what it missed is read again next time.
 *
 * @param incompleteReason why the scan is incomplete, or null when it read the whole window
 */
public record ScanResult(List<Observation> observations, List<UpstreamReject> rejects, String incompleteReason, int pages) {

  public boolean complete() {
    return incompleteReason == null;
  }
}
