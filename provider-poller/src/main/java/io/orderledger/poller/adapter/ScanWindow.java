package io.orderledger.poller.adapter;

/**
 * Which part of a source a scan must read: every order created at or after {@code since} (epoch ms), which for APIs
 * listed oldest first by page starts at {@code fromPosition}. {@link #EVERYTHING} is the first scan of a source.
 */
public record ScanWindow(long since, long fromPosition) {

  public static final ScanWindow EVERYTHING = new ScanWindow(Long.MIN_VALUE, 0);
}
