package io.orderledger.query.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderledger.query.store.MaterializerMetrics;

/** Materializer counters on /actuator/prometheus ({@code query.views.*}, {@code query.journal.*}). */
final class MicrometerMaterializerMetrics implements MaterializerMetrics {

  private final MeterRegistry registry;
  private final Counter applied;
  private final Counter skipped;
  private final Counter entries;

  MicrometerMaterializerMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.applied = Counter.builder("query.views.applied").register(registry);
    this.skipped = Counter.builder("query.views.skipped").description("older or repeated views (replays)").register(registry);
    this.entries = Counter.builder("query.journal.applied").register(registry);
  }

  @Override
  public void viewApplied() {
    applied.increment();
  }

  @Override
  public void viewSkipped() {
    skipped.increment();
  }

  @Override
  public void journalEntryApplied() {
    entries.increment();
  }

  @Override
  public void undecodable(String topic) {
    registry.counter("query.records.undecodable", "topic", topic).increment();
  }
}
