package io.orderledger.ledger.topology;

import io.orderledger.events.DecisionKind;
import io.orderledger.events.DiscrepancyKind;
import io.orderledger.events.MovementKind;
import io.orderledger.events.RejectReason;
import java.util.EnumMap;
import java.util.Map;

/** LedgerMetrics that only counts, for assertions. */
public final class CountingMetrics implements LedgerMetrics {

  public final Map<DecisionKind, Long> decided = new EnumMap<>(DecisionKind.class);
  public final Map<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);
  public final Map<MovementKind, Long> moved = new EnumMap<>(MovementKind.class);
  public final Map<DiscrepancyKind, Long> discrepancies = new EnumMap<>(DiscrepancyKind.class);

  @Override
  public void decided(DecisionKind kind) {
    decided.merge(kind, 1L, Long::sum);
  }

  @Override
  public void rejected(RejectReason reason) {
    rejected.merge(reason, 1L, Long::sum);
  }

  @Override
  public void moved(MovementKind kind) {
    moved.merge(kind, 1L, Long::sum);
  }

  @Override
  public void discrepancyFound(DiscrepancyKind kind) {
    discrepancies.merge(kind, 1L, Long::sum);
  }
}
