package io.orderledger.poller.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.orderledger.poller.source.UpstreamReject;
import io.orderledger.poller.http.UpstreamFailure;
import io.orderledger.poller.ingest.PollerMetrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** The poller's metrics in Micrometer, every one tagged with its source. */
final class MicrometerPollerMetrics implements PollerMetrics {

  private final MeterRegistry registry;
  private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();

  MicrometerPollerMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void eventsEmitted(String sourceId, int count) {
    Counter.builder("poller.events.emitted").description("Order events produced (committed)").tag("source", sourceId)
        .register(registry).increment(count);
  }

  @Override
  public void rejected(String sourceId, UpstreamReject reject) {
    Counter.builder("poller.rejects").description("Upstream payloads sent to the rejects topic")
        .tag("source", sourceId).tag("reason", reject.reason().name()).register(registry).increment();
  }

  @Override
  public void httpFailure(String sourceId, UpstreamFailure.Kind kind) {
    Counter.builder("poller.http.failures").description("Failed upstream calls, retried or not")
        .tag("source", sourceId).tag("kind", kind.tag()).register(registry).increment();
  }

  @Override
  public void sourceLag(String sourceId, long millis) {
    gauge("poller.source.lag", sourceId, "When the newest change emitted was seen minus its update time, ms").set(millis);
  }

  @Override
  public void scanned(String sourceId, int pages, boolean complete, long nanos) {
    Timer.builder("poller.scan").description("One scan of a source's window").tag("source", sourceId)
        .tag("complete", String.valueOf(complete)).register(registry).record(nanos, TimeUnit.NANOSECONDS);
    Counter.builder("poller.pages").description("Pages read").tag("source", sourceId).register(registry).increment(pages);
  }

  @Override
  public void captured(String sourceId, int captured, int unchanged, int detailsFetched) {
    Counter.builder("poller.orders.captured").description("Listed orders that were new or changed, and were mapped")
        .tag("source", sourceId).register(registry).increment(captured);
    Counter.builder("poller.orders.unchanged").description("Listed orders identical to the last scan's: not mapped again")
        .tag("source", sourceId).register(registry).increment(unchanged);
    Counter.builder("poller.details.fetched").description("Single-order calls for what the list lacks")
        .tag("source", sourceId).register(registry).increment(detailsFetched);
  }

  @Override
  public void staleCopies(String sourceId, int count) {
    Counter.builder("poller.orders.stale.copies")
        .description("Reads of an order older, by the source's own update time, than the copy already recorded: no event made")
        .tag("source", sourceId).register(registry).increment(count);
  }

  @Override
  public void checkpointSize(String sourceId, int knownOrders) {
    gauge("poller.window.orders", sourceId, "Orders in the source's window (the checkpoint's open-order set)").set(knownOrders);
  }

  private AtomicLong gauge(String name, String sourceId, String description) {
    return gauges.computeIfAbsent(name + "|" + sourceId, key -> {
      AtomicLong value = new AtomicLong();
      io.micrometer.core.instrument.Gauge.builder(name, value, AtomicLong::get).description(description)
          .tag("source", sourceId).register(registry);
      return value;
    });
  }
}
