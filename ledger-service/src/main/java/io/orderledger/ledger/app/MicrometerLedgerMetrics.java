package io.orderledger.ledger.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderledger.events.DecisionKind;
import io.orderledger.events.DiscrepancyKind;
import io.orderledger.events.MovementKind;
import io.orderledger.events.RejectReason;
import io.orderledger.ledger.topology.LedgerMetrics;
import java.util.EnumMap;
import java.util.Map;

/** The topology's counters as Micrometer meters ({@code ledger.*}, on /actuator/prometheus). */
final class MicrometerLedgerMetrics implements LedgerMetrics {

  private final Map<DecisionKind, Counter> decisions = new EnumMap<>(DecisionKind.class);
  private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
  private final Map<MovementKind, Counter> movements = new EnumMap<>(MovementKind.class);
  private final Map<DiscrepancyKind, Counter> discrepancies = new EnumMap<>(DiscrepancyKind.class);
  private final Counter checkpoints;

  MicrometerLedgerMetrics(MeterRegistry registry) {
    for (DecisionKind kind : DecisionKind.values()) {
      decisions.put(kind, Counter.builder("ledger.events.decided").tag("decision", kind.name())
          .description("Decoded inputs, by what the ledger did with them").register(registry));
    }
    for (RejectReason reason : RejectReason.values()) {
      rejected.put(reason, Counter.builder("ledger.events.rejected").tag("reason", reason.name())
          .description("Inputs sent to the rejects topic").register(registry));
    }
    for (MovementKind kind : MovementKind.values()) {
      movements.put(kind, Counter.builder("ledger.wallet.movements").tag("kind", kind.name())
          .description("Wallet journal entries written").register(registry));
    }
    for (DiscrepancyKind kind : DiscrepancyKind.values()) {
      discrepancies.put(kind, Counter.builder("ledger.wallet.discrepancies").tag("kind", kind.name())
          .description("Where a source's figures and the ledger's disagree").register(registry));
    }
    checkpoints = Counter.builder("ledger.checkpoints.signed").description("Wallet chain heads signed into ledger-checkpoints")
        .register(registry);
  }

  @Override
  public void checkpointed() {
    checkpoints.increment();
  }

  @Override
  public void decided(DecisionKind kind) {
    decisions.get(kind).increment();
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
  public void discrepancyFound(DiscrepancyKind kind) {
    discrepancies.get(kind).increment();
  }
}
