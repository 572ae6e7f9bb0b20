package io.orderledger.poller.checkpoint;

import io.orderledger.poller.paging.ListDirection;
import io.orderledger.poller.paging.ScanWindow;
import java.util.Map;

/**
 * A source's position, written to {@code poller-checkpoints} in the same transaction as the events it covers.
 *
 * @param windowSince  the next scan reads orders created at or after this (the oldest order that may still change)
 * @param prunedBefore orders created before this are settled and forgotten: one seen again is not new
 * @param newest       the newest creation time seen: the source's own clock, against which the settle window runs
 * @param direction    how the source listed in the last complete scan
 * @param resume       for an oldest-first listing, the page token where the window starts, or null
 * @param known        every order in the window, by canonical id, with what was last recorded of it
 */
public record Checkpoint(String sourceId, long windowSince, long prunedBefore, long newest, ListDirection direction, String resume,
                         Map<String, SeenOrder> known) {

  /** A source never polled: the first scan reads everything it has. */
  public static Checkpoint initial(String sourceId) {
    return new Checkpoint(sourceId, Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE, ListDirection.UNKNOWN, null, Map.of());
  }

  public ScanWindow window() {
    return new ScanWindow(windowSince, resume, direction);
  }

  /** The young end of the window: orders created within {@code horizonMillis} of the newest seen (never before the window). */
  public ScanWindow youngWindow(long horizonMillis) {
    long since = newest == Long.MIN_VALUE ? windowSince : Math.max(windowSince, newest - horizonMillis);
    return new ScanWindow(since, null, direction);
  }
}
