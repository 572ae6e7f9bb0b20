package io.orderledger.ledger.rules;

import io.orderledger.events.OrderEvent;
import io.orderledger.events.OrderSnapshot;
import io.orderledger.events.OrderType;
import io.orderledger.events.WalletDiscrepancy;
import io.orderledger.events.state.LedgerOrderState;
import java.util.Optional;

/**
 * Compares the wallet balances a source reports for an order with the ones the ledger computed. The ledger never
 * adopts the source's figures (seed 000's own example, 250.00 → 246.10 for a 4.25 order, disagrees with itself); it
 * records where they differ, once per order.
 */
public final class SourceBalanceCheck {

  private SourceBalanceCheck() {
  }

  /** True when this event carries source balances that have not been compared yet, and there is something to compare with. */
  public static boolean due(LedgerOrderState state, OrderEvent event) {
    OrderSnapshot order = event.getOrder();
    return !state.getSourceBalancesChecked()
        && state.getWalletBalanceBeforeMinor() != null
        && (order.getSourceWalletBalanceBeforeMinor() != null || order.getSourceWalletBalanceAfterMinor() != null);
  }

  /** A discrepancy when the source's balances differ from the computed ones; empty when they agree. */
  public static Optional<WalletDiscrepancy> compare(LedgerOrderState state, OrderEvent event) {
    OrderSnapshot order = event.getOrder();
    Long sourceBefore = order.getSourceWalletBalanceBeforeMinor();
    Long sourceAfter = order.getSourceWalletBalanceAfterMinor();
    long computedBefore = state.getWalletBalanceBeforeMinor();
    long computedAfter = state.getWalletBalanceAfterMinor();
    boolean agrees = (sourceBefore == null || sourceBefore == computedBefore) && (sourceAfter == null || sourceAfter == computedAfter);
    if (agrees) {
      return Optional.empty();
    }
    long sign = order.getOrderType() == OrderType.TOP_UP ? 1 : -1;
    boolean selfConsistent = sourceBefore == null || sourceAfter == null
        || sourceAfter - sourceBefore == sign * state.getChargedMinor();
    return Optional.of(WalletDiscrepancy.newBuilder()
        .setPartnerId(state.getPartnerId())
        .setOrderId(state.getOrderId())
        .setEventId(event.getEventId())
        .setCurrency(state.getCurrency())
        .setAmountMinor(state.getChargedMinor())
        .setComputedBalanceBeforeMinor(computedBefore)
        .setComputedBalanceAfterMinor(computedAfter)
        .setSourceBalanceBeforeMinor(sourceBefore)
        .setSourceBalanceAfterMinor(sourceAfter)
        .setSourceSelfConsistent(selfConsistent)
        .setOccurredAt(event.getOccurredAt())
        .build());
  }
}
