package io.orderledger.poller.paging;

/**
 * Which part of a source a scan must read: every order created at or after {@code since} (epoch ms).
 *
 * @param resume where an oldest-first listing may start (a page token from the last scan's {@link PageMark}s), or null
 * @param direction how the source listed last time, a hint only: every scan checks it again
 */
public record ScanWindow(long since, String resume, ListDirection direction) {

  /** The first scan of a source: everything it has. */
  public static final ScanWindow EVERYTHING = new ScanWindow(Long.MIN_VALUE, null, ListDirection.UNKNOWN);
}
