package io.orderledger.ledger.rules;

import io.orderledger.events.state.CurrencyBalance;
import io.orderledger.events.state.LedgerOrderState;
import io.orderledger.events.state.WalletState;
import java.util.HashMap;

/**
 * One clock per partner for the time an input is booked at: its record's timestamp, but never earlier than anything
 * the ledger booked for the partner before. The view version, the journal entries and the decision of one input all
 * carry that one time, so an order as of T and the partner's wallet as of T always agree, whatever the clocks of the
 * producers that wrote the inputs (two pollers on one partition, a skewed host).
 */
final class PartnerClock {

  private PartnerClock() {
  }

  /**
   * @param wallet the partner's wallet state (its clock), or null before anything was booked for it
   * @param order the order before the input, or null
   */
  static long bookingTime(long recordTimestamp, WalletState wallet, LedgerOrderState order) {
    long time = recordTimestamp;
    if (wallet != null) {
      time = Math.max(time, wallet.getClock());
      // A wallet last written before the clock existed (v4) knows its entries' times only.
      for (CurrencyBalance balance : wallet.getBalances().values()) {
        time = Math.max(time, balance.getLastBookedAt());
      }
    }
    return order == null ? time : Math.max(time, order.getBookedAt());
  }

  /** The wallet with its clock at {@code bookedAt}: the same object when it already is. */
  static WalletState at(WalletState wallet, String partnerId, long bookedAt) {
    if (wallet == null) {
      return new WalletState(partnerId, new HashMap<>(), bookedAt);
    }
    if (wallet.getClock() == bookedAt) {
      return wallet;
    }
    return new WalletState(wallet.getPartnerId(), wallet.getBalances(), bookedAt);
  }
}
