package io.orderledger.poller.ingest;

import io.orderledger.events.RejectReason;
import io.orderledger.poller.http.UpstreamFailure;

/** What the poller counts, per source. The Spring shell records them in Micrometer; tests may ignore them. */
public interface PollerMetrics {

  PollerMetrics NONE = new PollerMetrics() {
  };

  default void eventsEmitted(String sourceId, int count) {
  }

  default void rejected(String sourceId, RejectReason reason) {
  }

  default void httpFailure(String sourceId, UpstreamFailure.Kind kind) {
  }

  /** How far behind the source the newest change just emitted is: now minus its update time. */
  default void sourceLag(String sourceId, long millis) {
  }

  default void scanned(String sourceId, int pages, boolean complete, long nanos) {
  }

  default void checkpointSize(String sourceId, int knownOrders, int bytes) {
  }
}
