package io.orderledger.poller.paging;

/**
 * The order a listing returns orders in, as read from the data: the seeds never state it, so a scan never assumes it.
 * Detected from the first two creation times that differ.
 */
public enum ListDirection {
  NEWEST_FIRST, OLDEST_FIRST, UNKNOWN;

  /** The direction two consecutive creation times show, or UNKNOWN when they are equal. */
  static ListDirection of(long earlier, long later) {
    return later < earlier ? NEWEST_FIRST : later > earlier ? OLDEST_FIRST : UNKNOWN;
  }
}
