package io.orderledger.events.wallet;

import io.orderledger.events.MovementDirection;
import io.orderledger.events.WalletEntry;
import io.orderledger.events.state.CurrencyBalance;

/**
 * The one wallet arithmetic: a currency's wallet keeps its two volumes, total debits and total credits, and derives
 * the balance from them (as double-entry ledgers do). The ledger's fold, the query service's read model and the
 * wallet endpoint all move and read balances here, so they cannot disagree on it.
 */
public final class CurrencyBalances {

  private CurrencyBalances() {
  }

  /** A wallet with no movement yet. */
  public static CurrencyBalance empty() {
    return new CurrencyBalance(0L, 0L, 0L, 0L, "", null, 0L);
  }

  public static long balance(CurrencyBalance wallet) {
    return wallet.getTotalCreditsMinor() - wallet.getTotalDebitsMinor();
  }

  /** The balance a movement leaves, in minor units; never overflows silently. */
  public static long balanceAfter(long balance, MovementDirection direction, long amountMinor) {
    return direction == MovementDirection.DEBIT ? Math.subtractExact(balance, amountMinor) : Math.addExact(balance, amountMinor);
  }

  /** The wallet after one more journal entry (which must be its next one). */
  public static CurrencyBalance after(CurrencyBalance wallet, WalletEntry entry) {
    long debits = wallet.getTotalDebitsMinor();
    long credits = wallet.getTotalCreditsMinor();
    if (entry.getDirection() == MovementDirection.DEBIT) {
      debits = Math.addExact(debits, entry.getAmountMinor());
    } else {
      credits = Math.addExact(credits, entry.getAmountMinor());
    }
    return new CurrencyBalance(debits, credits, entry.getSequence(), entry.getOccurredAt(), entry.getOrderId(), entry.getHash(),
        entry.getBookedAt());
  }
}
