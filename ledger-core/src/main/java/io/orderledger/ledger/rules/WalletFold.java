package io.orderledger.ledger.rules;

import io.orderledger.events.OrderEvent;
import io.orderledger.events.WalletEntry;
import io.orderledger.events.journal.JournalChain;
import io.orderledger.events.state.CurrencyBalance;
import io.orderledger.events.state.WalletState;
import io.orderledger.events.wallet.CurrencyBalances;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies planned movements to a partner's wallets, one per currency ({@link CurrencyBalances} does the arithmetic).
 * Every movement becomes a journal entry with the balance before and after, a gap-free sequence per wallet, the time
 * it was booked, and its link in the wallet's hash chain ({@link JournalChain}), so a gap, a repeat or an edit shows.
 */
public final class WalletFold {

  /** The wallets after the movements, and one journal entry per movement, in order. */
  public record Result(WalletState wallet, List<WalletEntry> entries) {
  }

  private WalletFold() {
  }

  /**
   * @param wallet the partner's wallets so far, its clock already at {@code bookedAt}
   * @param bookedAt the partner's time for this input ({@link PartnerClock}): never earlier than its last entry's
   */
  public static Result apply(WalletState wallet, OrderEvent event, List<PlannedMovement> movements, long bookedAt) {
    if (movements.isEmpty()) {
      return new Result(wallet, List.of());
    }
    String currency = event.getOrder().getCurrency();
    Map<String, CurrencyBalance> balances = new HashMap<>(wallet.getBalances());
    CurrencyBalance current = balances.getOrDefault(currency, CurrencyBalances.empty());
    List<WalletEntry> entries = new ArrayList<>(movements.size());
    for (PlannedMovement movement : movements) {
      long before = CurrencyBalances.balance(current);
      WalletEntry entry = new WalletEntry();
      entry.setEntryId(entryId(event.getEventId(), movement));
      entry.setPartnerId(event.getPartnerId());
      entry.setOrderId(event.getOrderId());
      entry.setEventId(event.getEventId());
      entry.setKind(movement.kind());
      entry.setDirection(movement.direction());
      entry.setAmountMinor(movement.amountMinor());
      entry.setCurrency(currency);
      entry.setBalanceBeforeMinor(before);
      entry.setBalanceAfterMinor(CurrencyBalances.balanceAfter(before, movement.direction(), movement.amountMinor()));
      entry.setSequence(current.getSequence() + 1);
      entry.setRecipientIndex(movement.recipientIndex());
      entry.setOccurredAt(event.getOccurredAt());
      entry.setBookedAt(Math.max(bookedAt, current.getLastBookedAt()));
      // A wallet whose last entry predates the chain (schema v3) starts its chain afresh.
      entry.setPreviousHash(current.getLastHash() == null ? JournalChain.GENESIS : current.getLastHash());
      entry.setHash(JournalChain.hash(entry.getPreviousHash(), entry));
      entries.add(entry);
      current = CurrencyBalances.after(current, entry);
    }
    balances.put(currency, current);
    return new Result(new WalletState(event.getPartnerId(), balances, wallet.getClock()), entries);
  }

  /** Deterministic and unique per movement: the event, what moved and, for a bulk refund, which recipient. */
  public static String entryId(String eventId, PlannedMovement movement) {
    String id = eventId + "/" + movement.kind().name();
    return movement.recipientIndex() == null ? id : id + "/" + movement.recipientIndex();
  }
}
