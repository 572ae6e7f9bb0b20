package io.orderledger.query;

import io.orderledger.events.OrderState;
import io.orderledger.events.OrderType;
import io.orderledger.events.OrderView;
import io.orderledger.events.WalletEntry;
import io.orderledger.events.MovementDirection;
import io.orderledger.events.MovementKind;
import io.orderledger.events.fixtures.Events;
import io.orderledger.events.journal.JournalChain;

/** Test data: ledger outputs as the query service receives them. */
public final class Views {

  private Views() {
  }

  public static OrderView view(String partnerId, String orderId, OrderType type, OrderState state, long createdAt, long version) {
    return OrderView.newBuilder()
        .setPartnerId(partnerId)
        .setOrderId(orderId)
        .setVersion(version)
        .setLastEventId(orderId + ":" + version)
        .setFirstSeenAt(createdAt + 100)
        .setOrder(Events.snapshot(orderId, state, 425, createdAt).setOrderType(type).setUpdatedAt(createdAt + version).build())
        .setWalletBalanceBeforeMinor(25_000L)
        .setWalletBalanceAfterMinor(24_575L)
        .setRefundedMinor(0)
        .build();
  }

  public static WalletEntry entry(String partnerId, String orderId, MovementDirection direction, long amount, long balanceAfter, long sequence) {
    WalletEntry entry = WalletEntry.newBuilder()
        .setEntryId(orderId + "/" + sequence)
        .setPartnerId(partnerId)
        .setOrderId(orderId)
        .setEventId(orderId + ":e")
        .setKind(direction == MovementDirection.DEBIT ? MovementKind.ORDER_DEBIT : MovementKind.TOP_UP_CREDIT)
        .setDirection(direction)
        .setAmountMinor(amount)
        .setCurrency("GHS")
        .setBalanceBeforeMinor(direction == MovementDirection.DEBIT ? balanceAfter + amount : balanceAfter - amount)
        .setBalanceAfterMinor(balanceAfter)
        .setSequence(sequence)
        .setOccurredAt(1_775_046_434_454L + sequence)
        .setPreviousHash(sequence == 1 ? JournalChain.GENESIS : HASHES.getOrDefault(partnerId + "|" + (sequence - 1), JournalChain.GENESIS))
        .build();
    // Chained as the ledger chains it, so that the query service applies it: the previous sequence's hash as made here.
    entry.setHash(JournalChain.hash(entry.getPreviousHash(), entry));
    HASHES.put(partnerId + "|" + sequence, entry.getHash());
    return entry;
  }

  /** The hash of each entry {@link #entry} made, by partner and sequence: the next one links to it. */
  private static final java.util.Map<String, String> HASHES = new java.util.concurrent.ConcurrentHashMap<>();
}
