package io.orderledger.ledger.rules;

import io.orderledger.events.RejectReason;
import java.util.List;

/** What the ledger does with one event. */
public sealed interface LedgerDecision {

  /** Apply the event: the order moves on and the wallet makes these movements, in this order. */
  record Apply(List<PlannedMovement> movements) implements LedgerDecision {
    public Apply {
      movements = List.copyOf(movements);
    }
  }

  /** The same event, with the same payload, was applied already: nothing to do. */
  record AlreadyApplied() implements LedgerDecision {
  }

  /** Not applied; the event goes to the rejects topic with this reason and the order stays as it was. */
  record Reject(RejectReason reason, String detail) implements LedgerDecision {
  }
}
