package io.orderledger.poller.ingest;

import io.orderledger.events.OrderEvent;
import io.orderledger.poller.detect.ChangeDetector;
import io.orderledger.poller.http.UpstreamFailure;
import io.orderledger.poller.source.UpstreamReject;

/** What the poller counts, per source. The Spring shell records them in Micrometer; tests may ignore them. */
public interface PollerMetrics {

  PollerMetrics NONE = new PollerMetrics() {
  };

  default void httpFailure(String sourceId, UpstreamFailure.Kind kind) {
  }

  default void scanned(String sourceId, int pages, boolean complete, long nanos) {
  }

  /** Orders captured (new or changed on the list), entries unchanged since the last scan, single-order calls made. */
  default void captured(String sourceId, int captured, int unchanged, int detailsFetched) {
  }

  /** A cycle's outcome, committed. */
  default void written(String sourceId, ChangeDetector.Outcome outcome) {
    eventsEmitted(sourceId, outcome.events().size());
    outcome.rejects().forEach(reject -> rejected(sourceId, reject));
    checkpointSize(sourceId, outcome.next().known().size());
    if (outcome.staleCopies() > 0) {
      staleCopies(sourceId, outcome.staleCopies());
    }
    outcome.events().stream().mapToLong(OrderEvent::getObservedAt).max().ifPresent(observedAt ->
        outcome.events().stream().mapToLong(OrderEvent::getOccurredAt).max()
            .ifPresent(latest -> sourceLag(sourceId, Math.max(0, observedAt - latest))));
  }

  default void eventsEmitted(String sourceId, int count) {
  }

  default void rejected(String sourceId, UpstreamReject reject) {
  }

  /** How far behind the source the newest change just emitted is: when it was seen minus its update time. */
  default void sourceLag(String sourceId, long millis) {
  }

  /** Reads of an order older, by the source's update time, than the copy already recorded: no event made. */
  default void staleCopies(String sourceId, int count) {
  }

  default void checkpointSize(String sourceId, int knownOrders) {
  }
}
