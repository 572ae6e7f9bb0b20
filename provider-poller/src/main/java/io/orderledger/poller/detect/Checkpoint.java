package io.orderledger.poller.detect;

import io.orderledger.poller.adapter.ScanWindow;
import java.util.Map;

/**
 * A source's position, written to {@code poller-checkpoints} in the same transaction as the events it covers.
 *
 * @param windowSince  the next scan reads orders created at or after this (the oldest order that may still change)
 * @param fromPosition where that window starts in an oldest-first listing
 * @param prunedBefore orders created before this are settled and forgotten: one seen again is not new
 * @param newest       the newest creation time seen: the source's own clock, against which the settle window runs
 * @param known        every order in the window, by canonical id, with what was last recorded of it
 */
public record Checkpoint(String sourceId, long windowSince, long fromPosition, long prunedBefore, long newest,
                         Map<String, SeenOrder> known) {

  /** A source never polled: the first scan reads everything it has. */
  public static Checkpoint initial(String sourceId) {
    return new Checkpoint(sourceId, Long.MIN_VALUE, 0, Long.MIN_VALUE, Long.MIN_VALUE, Map.of());
  }

  public ScanWindow window() {
    return new ScanWindow(windowSince, fromPosition);
  }
}
