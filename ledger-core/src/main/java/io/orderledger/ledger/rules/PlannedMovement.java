package io.orderledger.ledger.rules;

import io.orderledger.events.MovementDirection;
import io.orderledger.events.MovementKind;
import io.orderledger.events.journal.MovementKinds;

/**
 * A wallet movement an event calls for, before the wallet gives it a balance.
 *
 * @param amountMinor positive or zero, minor units of the order's currency
 * @param recipientIndex the bulk recipient refunded, or null
 */
public record PlannedMovement(MovementKind kind, long amountMinor, Integer recipientIndex) {

  public PlannedMovement {
    if (amountMinor < 0) {
      throw new IllegalArgumentException("movement amounts are never negative: " + amountMinor);
    }
  }

  public MovementDirection direction() {
    return MovementKinds.direction(kind);
  }
}
