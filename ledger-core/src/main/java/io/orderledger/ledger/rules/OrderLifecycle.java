package io.orderledger.ledger.rules;

import io.orderledger.events.OrderState;

/**
 * Which state changes an order may make (DESIGN.md, "Ledger rules", and the README's rules).
 *
 * <pre>
 *   pending ──▶ processing ──▶ completed ──▶ reversed
 *      │             │             │
 *      └─────────────┴─────────────┴──▶ failed
 * </pre>
 *
 * A skipped middle state is fine (pending → completed: the poller only sees what it polls). That includes an open
 * order seen next as reversed: it completed and was reversed between two polls. Completed → failed is a cancellation
 * after delivery (seed 002: a gift card cancelled once delivered is refunded; an eSIM cancelled or refunded once
 * completed): its money comes back as for a reversal. Failed and reversed are final. Staying in the same state is
 * allowed: it is a snapshot update, such as a bulk recipient finishing while its order is still processing.
 *
 * <p>A move back to a state the order has left ({@link #isBackwards}: completed → processing, failed → completed) is a
 * source's correction: the ledger keeps its state and says so (SOURCE_CORRECTION), rather than calling it invalid.
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
      case COMPLETED -> to == OrderState.REVERSED || to == OrderState.FAILED;
      case FAILED, REVERSED, UNKNOWN -> false;
    };
  }

  /** A move to a state of an earlier stage than the order's: pending, processing, completed, then failed or reversed. */
  public static boolean isBackwards(OrderState from, OrderState to) {
    return isKnown(from) && isKnown(to) && stage(to) < stage(from);
  }

  private static int stage(OrderState state) {
    return switch (state) {
      case PENDING -> 1;
      case PROCESSING -> 2;
      case COMPLETED -> 3;
      case FAILED, REVERSED -> 4;
      case UNKNOWN -> 0;
    };
  }

  /** Final for the wallet: nothing more will be charged or refunded. */
  public static boolean isFinal(OrderState state) {
    return state == OrderState.FAILED || state == OrderState.REVERSED;
  }
}
