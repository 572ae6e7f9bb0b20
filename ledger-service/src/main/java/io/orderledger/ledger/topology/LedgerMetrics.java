package io.orderledger.ledger.topology;

import io.orderledger.events.MovementKind;
import io.orderledger.events.RejectReason;

/** What the topology counts. The application binds it to Micrometer; tests count in memory. */
public interface LedgerMetrics {

  void applied();

  /** A re-delivered event with the same payload: a no-op. */
  void duplicateIgnored();

  void rejected(RejectReason reason);

  void moved(MovementKind kind);

  void discrepancyFound();

  static LedgerMetrics none() {
    return new LedgerMetrics() {
      @Override
      public void applied() {
      }

      @Override
      public void duplicateIgnored() {
      }

      @Override
      public void rejected(RejectReason reason) {
      }

      @Override
      public void moved(MovementKind kind) {
      }

      @Override
      public void discrepancyFound() {
      }
    };
  }
}
