package io.orderledger.ledger.topology;

import io.orderledger.events.MovementKind;
import io.orderledger.events.RejectReason;
import java.util.EnumMap;
import java.util.Map;

/** LedgerMetrics that only counts, for assertions. */
public final class CountingMetrics implements LedgerMetrics {

  public long applied;
  public long duplicates;
  public long discrepancies;
  public final Map<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);
  public final Map<MovementKind, Long> moved = new EnumMap<>(MovementKind.class);

  @Override
  public void applied() {
    applied++;
  }

  @Override
  public void duplicateIgnored() {
    duplicates++;
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
  public void discrepancyFound() {
    discrepancies++;
  }
}
