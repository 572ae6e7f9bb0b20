package io.orderledger.poller.app;

import io.orderledger.poller.ingest.SourcePoller;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * DOWN when a source's poller was fenced by another instance or its thread ended, or when it cannot write to Kafka:
 * a write waiting longer than {@link #STALL} (the brokers cannot take it: too few in-sync replicas, or none
 * reachable), or a cycle that failed with no good one since.
 */
final class PollerHealthIndicator implements HealthIndicator {

  static final java.time.Duration STALL = java.time.Duration.ofSeconds(10);

  private final PollerRunner runner;

  PollerHealthIndicator(PollerRunner runner) {
    this.runner = runner;
  }

  @Override
  public Health health() {
    Health.Builder health = Health.up();
    for (int i = 0; i < runner.pollers().size(); i++) {
      SourcePoller poller = runner.pollers().get(i);
      boolean alive = i < runner.threads().size() && runner.threads().get(i).isAlive();
      java.time.Duration stalled = poller.writeStalledFor();
      String failure = poller.failure();
      if (poller.fenced() || runner.isRunning() && !alive || stalled.compareTo(STALL) > 0 || failure != null) {
        health = Health.down();
      }
      java.util.Map<String, Object> detail = new java.util.LinkedHashMap<>();
      detail.put("cycles", poller.cycles());
      detail.put("wholeScans", poller.wholeScans());
      detail.put("fenced", poller.fenced());
      detail.put("alive", alive);
      detail.put("writeStalledMs", stalled.toMillis());
      if (failure != null) {
        detail.put("failure", failure);
      }
      health.withDetail(poller.sourceId(), detail);
    }
    return health.build();
  }
}
