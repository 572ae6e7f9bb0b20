package io.orderledger.ledger.topology;

import io.orderledger.events.DecisionKind;
import io.orderledger.events.DiscrepancyKind;
import io.orderledger.events.MovementKind;
import io.orderledger.events.RejectReason;

/** What the topology counts. The application binds it to Micrometer; tests count in memory. */
public interface LedgerMetrics {

  /** One decision per decoded input: applied, duplicate, stale or rejected. */
  default void decided(DecisionKind kind) {
  }

  default void rejected(RejectReason reason) {
  }

  default void moved(MovementKind kind) {
  }

  default void discrepancyFound(DiscrepancyKind kind) {
  }

  /** A wallet's chain head signed into ledger-checkpoints. */
  default void checkpointed() {
  }

  static LedgerMetrics none() {
    return new LedgerMetrics() {
    };
  }
}
