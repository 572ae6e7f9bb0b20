package io.orderledger.ledger.rules;

import io.orderledger.events.RejectReason;
import java.util.List;

/** What the ledger does with one event. */
public sealed interface LedgerDecision {

  /**
   * Apply the event: the order moves on and the wallet makes these movements, in this order.
   *
   * @param bookedMinor the order's booked amount after the event (what a refund or reversal will give back)
   * @param discrepancies what the event says about money that the ledger does not take as it is
   */
  record Apply(List<PlannedMovement> movements, long bookedMinor, List<PlannedDiscrepancy> discrepancies) implements LedgerDecision {
    public Apply {
      movements = List.copyOf(movements);
      discrepancies = List.copyOf(discrepancies);
    }
  }

  /** The same event, with the same payload, was applied already: nothing to do. */
  record AlreadyApplied() implements LedgerDecision {
  }

  /** Not applied; the event goes to the rejects topic with this reason and the order stays as it was. */
  record Reject(RejectReason reason, String detail) implements LedgerDecision {
  }
}
