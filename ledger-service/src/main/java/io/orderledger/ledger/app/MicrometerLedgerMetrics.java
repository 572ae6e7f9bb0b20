package io.orderledger.ledger.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderledger.events.MovementKind;
import io.orderledger.events.RejectReason;
import io.orderledger.ledger.topology.LedgerMetrics;
import java.util.EnumMap;
import java.util.Map;

/** The topology's counters as Micrometer meters ({@code ledger.*}, on /actuator/prometheus). */
final class MicrometerLedgerMetrics implements LedgerMetrics {

  private final Counter applied;
  private final Counter duplicates;
  private final Counter discrepancies;
  private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
  private final Map<MovementKind, Counter> movements = new EnumMap<>(MovementKind.class);

  MicrometerLedgerMetrics(MeterRegistry registry) {
    applied = Counter.builder("ledger.events.applied").description("Order events applied").register(registry);
    duplicates = Counter.builder("ledger.events.duplicates").description("Re-delivered events ignored (same id, same payload)").register(registry);
    discrepancies = Counter.builder("ledger.wallet.discrepancies").description("Orders whose source balances disagree with the ledger's").register(registry);
    for (RejectReason reason : RejectReason.values()) {
      rejected.put(reason, Counter.builder("ledger.events.rejected").tag("reason", reason.name())
          .description("Events sent to the rejects topic").register(registry));
    }
    for (MovementKind kind : MovementKind.values()) {
      movements.put(kind, Counter.builder("ledger.wallet.movements").tag("kind", kind.name())
          .description("Wallet journal entries written").register(registry));
    }
  }

  @Override
  public void applied() {
    applied.increment();
  }

  @Override
  public void duplicateIgnored() {
    duplicates.increment();
  }

  @Override
  public void rejected(RejectReason reason) {
    rejected.get(reason).increment();
  }

  @Override
  public void moved(MovementKind kind) {
    movements.get(kind).increment();
  }

  @Override
  public void discrepancyFound() {
    discrepancies.increment();
  }
}
