package io.orderledger.poller.app;

import io.orderledger.poller.ingest.SourcePoller;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** DOWN when a source's poller was fenced by another instance or its thread ended. */
final class PollerHealthIndicator implements HealthIndicator {

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
      if (poller.fenced() || runner.isRunning() && !alive) {
        health = Health.down();
      }
      health.withDetail(poller.sourceId(), java.util.Map.of("cycles", poller.cycles(), "fenced", poller.fenced(), "alive", alive));
    }
    return health.build();
  }
}
