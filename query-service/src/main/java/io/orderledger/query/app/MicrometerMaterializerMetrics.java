package io.orderledger.query.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderledger.query.store.MaterializerMetrics;

/** Materializer counters on /actuator/prometheus ({@code query.views.*}, {@code query.journal.*}, {@code query.decisions.*}). */
final class MicrometerMaterializerMetrics implements MaterializerMetrics {

  private final MeterRegistry registry;
  private final Counter applied;
  private final Counter skipped;
  private final Counter entries;
  private final Counter broken;
  private final Counter decisions;

  MicrometerMaterializerMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.applied = Counter.builder("query.views.applied").register(registry);
    this.skipped = Counter.builder("query.views.skipped").description("older or repeated views (replays)").register(registry);
    this.entries = Counter.builder("query.journal.applied").register(registry);
    this.broken = Counter.builder("query.journal.broken")
        .description("journal entries refused (not extending their wallet's chain, or without the ledger's seal): alert on any")
        .register(registry);
    this.decisions = Counter.builder("query.decisions.applied").register(registry);
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
  public void journalEntryBroken() {
    broken.increment();
  }

  @Override
  public void decisionApplied() {
    decisions.increment();
  }

  @Override
  public void unauthenticated(String topic) {
    registry.counter("query.records.unauthenticated", "topic", topic).increment();
  }

  @Override
  public void undecodable(String topic) {
    registry.counter("query.records.undecodable", "topic", topic).increment();
  }
}
