package io.orderledger.ledger.rules;

import io.orderledger.events.MovementDirection;
import io.orderledger.events.MovementKind;

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
    return switch (kind) {
      case ORDER_DEBIT, TOP_UP_REVERSAL -> MovementDirection.DEBIT;
      case ORDER_REFUND, BULK_RECIPIENT_REFUND, TOP_UP_CREDIT -> MovementDirection.CREDIT;
      case UNKNOWN -> throw new IllegalStateException("a movement always has a kind");
    };
  }

  /** The movement that sets an order's walletBalanceBefore/After: its charge, or a top-up's credit. */
  public boolean isPrimary() {
    return kind == MovementKind.ORDER_DEBIT || kind == MovementKind.TOP_UP_CREDIT;
  }
}
