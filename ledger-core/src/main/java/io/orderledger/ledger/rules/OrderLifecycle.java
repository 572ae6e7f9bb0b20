package io.orderledger.ledger.rules;

import io.orderledger.events.OrderState;

/**
 * Which state changes an order may make (DESIGN.md, "Ledger rules").
 *
 * <pre>
 *   pending ──▶ processing ──▶ completed ──▶ reversed
 *      │             │
 *      └─────────────┴──────▶ failed
 * </pre>
 *
 * A skipped middle state is fine (pending → completed: the poller only sees what it polls). That includes an open
 * order seen next as reversed: it completed and was reversed between two polls. Failed and reversed are final. Staying in the same state is allowed: it is a snapshot update, such as a bulk recipient finishing while its
 * order is still processing.
 */
public final class OrderLifecycle {

  private OrderLifecycle() {
  }

  public static boolean isKnown(OrderState state) {
    return state != null && state != OrderState.UNKNOWN;
  }

  public static boolean canMove(OrderState from, OrderState to) {
    if (!isKnown(from) || !isKnown(to)) {
      return false;
    }
    if (from == to) {
      return true;
    }
    return switch (from) {
      case PENDING -> to == OrderState.PROCESSING || to == OrderState.COMPLETED || to == OrderState.FAILED || to == OrderState.REVERSED;
      case PROCESSING -> to == OrderState.COMPLETED || to == OrderState.FAILED || to == OrderState.REVERSED;
      case COMPLETED -> to == OrderState.REVERSED;
      case FAILED, REVERSED, UNKNOWN -> false;
    };
  }

  /** Final for the wallet: nothing more will be charged or refunded. */
  public static boolean isFinal(OrderState state) {
    return state == OrderState.FAILED || state == OrderState.REVERSED;
  }
}
