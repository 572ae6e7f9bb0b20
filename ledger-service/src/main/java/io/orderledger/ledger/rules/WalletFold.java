package io.orderledger.ledger.rules;

import io.orderledger.events.MovementDirection;
import io.orderledger.events.OrderEvent;
import io.orderledger.events.WalletEntry;
import io.orderledger.events.state.CurrencyBalance;
import io.orderledger.events.state.WalletState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies planned movements to a partner's wallets, one per currency. Like a double-entry ledger it keeps the two
 * volumes (total debits, total credits) and derives the balance from them; every movement becomes a journal entry
 * with the balance before and after and a per-wallet sequence number, so a gap or a repeat is visible.
 */
public final class WalletFold {

  /** The wallets after the movements, and one journal entry per movement, in order. */
  public record Result(WalletState wallet, List<WalletEntry> entries) {
  }

  private WalletFold() {
  }

  public static long balance(CurrencyBalance balance) {
    return balance.getTotalCreditsMinor() - balance.getTotalDebitsMinor();
  }

  /**
   * @param wallet the partner's wallets so far, or null before its first movement
   */
  public static Result apply(WalletState wallet, OrderEvent event, List<PlannedMovement> movements) {
    String currency = event.getOrder().getCurrency();
    Map<String, CurrencyBalance> balances = wallet == null ? new HashMap<>() : new HashMap<>(wallet.getBalances());
    CurrencyBalance current = balances.get(currency);
    long debits = current == null ? 0 : current.getTotalDebitsMinor();
    long credits = current == null ? 0 : current.getTotalCreditsMinor();
    long sequence = current == null ? 0 : current.getSequence();
    long lastMovementAt = current == null ? 0 : current.getLastMovementAt();
    String lastOrderId = current == null ? "" : current.getLastOrderId();

    List<WalletEntry> entries = new ArrayList<>(movements.size());
    for (PlannedMovement movement : movements) {
      long before = credits - debits;
      if (movement.direction() == MovementDirection.DEBIT) {
        debits = Math.addExact(debits, movement.amountMinor());
      } else {
        credits = Math.addExact(credits, movement.amountMinor());
      }
      sequence++;
      lastMovementAt = event.getOccurredAt();
      lastOrderId = event.getOrderId();
      entries.add(new WalletEntry(entryId(event.getEventId(), movement), event.getPartnerId(), event.getOrderId(),
          event.getEventId(), movement.kind(), movement.direction(), movement.amountMinor(), currency, before,
          credits - debits, sequence, movement.recipientIndex(), event.getOccurredAt()));
    }
    if (entries.isEmpty()) {
      return new Result(wallet, entries);
    }
    balances.put(currency, new CurrencyBalance(debits, credits, sequence, lastMovementAt, lastOrderId));
    return new Result(new WalletState(event.getPartnerId(), balances), entries);
  }

  /** Deterministic and unique per movement: the event, what moved and, for a bulk refund, which recipient. */
  public static String entryId(String eventId, PlannedMovement movement) {
    String id = eventId + "/" + movement.kind().name();
    return movement.recipientIndex() == null ? id : id + "/" + movement.recipientIndex();
  }
}
