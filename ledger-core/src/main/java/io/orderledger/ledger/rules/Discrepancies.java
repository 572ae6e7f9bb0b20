package io.orderledger.ledger.rules;

import io.orderledger.events.DiscrepancyKind;
import io.orderledger.events.MovementKind;
import io.orderledger.events.OrderEvent;
import io.orderledger.events.OrderSnapshot;
import io.orderledger.events.WalletDiscrepancy;
import io.orderledger.events.WalletEntry;
import io.orderledger.events.state.CurrencyBalance;
import io.orderledger.events.state.LedgerOrderState;
import io.orderledger.events.state.WalletState;
import io.orderledger.events.wallet.CurrencyBalances;
import java.util.ArrayList;
import java.util.List;

/**
 * The discrepancy records of one applied event, with the ledger's computed balances beside what the source said.
 * The ledger never adopts a source's figures (seed 000's own example, 250.00 → 246.10 for a 4.25 order, disagrees
 * with itself); it records where they differ: a source's own wallet balances (once per order), an amount that
 * changed after booking, a reversal that claims more than was credited.
 */
final class Discrepancies {

  private Discrepancies() {
  }

  /**
   * @param order the order after the event
   * @param wallet the partner's wallets after the event
   * @param entries the event's journal entries
   */
  static List<WalletDiscrepancy> of(LedgerOrderState order, OrderEvent event, LedgerDecision.Apply plan, WalletState wallet,
                                    List<WalletEntry> entries) {
    List<WalletDiscrepancy> found = new ArrayList<>(1);
    for (PlannedDiscrepancy planned : plan.discrepancies()) {
      WalletEntry entry = entryFor(planned.kind(), entries);
      long balance = currentBalance(wallet, order.getCurrency());
      found.add(base(order, event, planned.kind())
          .setAmountMinor(planned.amountMinor())
          .setPreviousAmountMinor(planned.previousAmountMinor())
          .setComputedBalanceBeforeMinor(entry == null ? balance : entry.getBalanceBeforeMinor())
          .setComputedBalanceAfterMinor(entry == null ? balance : entry.getBalanceAfterMinor())
          .setSourceSelfConsistent(true)
          .build());
    }
    if (sourceBalancesDue(order, event)) {
      order.setSourceBalancesChecked(true);
      sourceBalances(order, event).ifPresent(found::add);
    }
    return found;
  }

  /** The movement a discrepancy is about: the adjustment, or the reversal that was capped. */
  private static WalletEntry entryFor(DiscrepancyKind kind, List<WalletEntry> entries) {
    for (WalletEntry entry : entries) {
      MovementKind k = entry.getKind();
      boolean matches = kind == DiscrepancyKind.AMOUNT_CHANGED
          ? k == MovementKind.ADJUSTMENT_CREDIT || k == MovementKind.ADJUSTMENT_DEBIT
          : k == MovementKind.SALE_REVERSAL || k == MovementKind.TOP_UP_REVERSAL;
      if (matches) {
        return entry;
      }
    }
    return null;
  }

  private static long currentBalance(WalletState wallet, String currency) {
    CurrencyBalance balance = wallet == null ? null : wallet.getBalances().get(currency);
    return balance == null ? 0 : CurrencyBalances.balance(balance);
  }

  /** True when this event carries source balances that have not been compared yet, and there is something to compare with. */
  private static boolean sourceBalancesDue(LedgerOrderState order, OrderEvent event) {
    OrderSnapshot snapshot = event.getOrder();
    return !order.getSourceBalancesChecked()
        && order.getWalletBalanceBeforeMinor() != null
        && (snapshot.getSourceWalletBalanceBeforeMinor() != null || snapshot.getSourceWalletBalanceAfterMinor() != null);
  }

  private static java.util.Optional<WalletDiscrepancy> sourceBalances(LedgerOrderState order, OrderEvent event) {
    OrderSnapshot snapshot = event.getOrder();
    Long sourceBefore = snapshot.getSourceWalletBalanceBeforeMinor();
    Long sourceAfter = snapshot.getSourceWalletBalanceAfterMinor();
    long computedBefore = order.getWalletBalanceBeforeMinor();
    long computedAfter = order.getWalletBalanceAfterMinor();
    boolean agrees = (sourceBefore == null || sourceBefore == computedBefore) && (sourceAfter == null || sourceAfter == computedAfter);
    if (agrees) {
      return java.util.Optional.empty();
    }
    long booked = computedAfter - computedBefore;
    boolean selfConsistent = sourceBefore == null || sourceAfter == null || sourceAfter - sourceBefore == booked;
    return java.util.Optional.of(base(order, event, DiscrepancyKind.SOURCE_BALANCE)
        .setAmountMinor(order.getChargedMinor())
        .setComputedBalanceBeforeMinor(computedBefore)
        .setComputedBalanceAfterMinor(computedAfter)
        .setSourceBalanceBeforeMinor(sourceBefore)
        .setSourceBalanceAfterMinor(sourceAfter)
        .setSourceSelfConsistent(selfConsistent)
        .build());
  }

  private static WalletDiscrepancy.Builder base(LedgerOrderState order, OrderEvent event, DiscrepancyKind kind) {
    return WalletDiscrepancy.newBuilder()
        .setKind(kind)
        .setPartnerId(order.getPartnerId())
        .setOrderId(order.getOrderId())
        .setEventId(event.getEventId())
        .setCurrency(order.getCurrency())
        .setOccurredAt(event.getOccurredAt());
  }
}
