package io.orderledger.query;

import io.orderledger.events.DecisionKind;
import io.orderledger.events.DecisionMovement;
import io.orderledger.events.LedgerDecisionRecord;
import io.orderledger.events.MoneyFlow;
import io.orderledger.events.MovementDirection;
import io.orderledger.events.MovementKind;
import io.orderledger.events.OrderEvent;
import io.orderledger.events.OrderState;
import io.orderledger.events.RejectReason;
import io.orderledger.events.SourceRecord;
import io.orderledger.events.WalletEntry;
import io.orderledger.events.fixtures.Events;
import io.orderledger.events.journal.JournalChain;
import java.util.ArrayList;
import java.util.List;

/** Test data: the ledger's decisions, the poller's events with their source records, and hash-chained journals. */
public final class Audits {

  private Audits() {
  }

  /** A decision on an order; {@code offset} also orders it and numbers its versions. */
  public static LedgerDecisionRecord decision(String partnerId, String orderId, String eventId, DecisionKind kind, long decidedAt, long offset,
                                              OrderState before, OrderState after, List<DecisionMovement> movements) {
    LedgerDecisionRecord d = new LedgerDecisionRecord();
    d.setPartnerId(partnerId);
    d.setOrderId(orderId);
    d.setEventId(eventId);
    d.setDecision(kind);
    d.setRejectReason(kind == DecisionKind.REJECTED ? RejectReason.INVALID_TRANSITION : kind == DecisionKind.STALE ? RejectReason.STALE_EVENT : null);
    d.setDetail(kind == DecisionKind.REJECTED ? "order cannot go from " + before + " to " + after : null);
    d.setInputTopic("order-events");
    d.setInputPartition(0);
    d.setInputOffset(offset);
    d.setDecidedAt(decidedAt);
    d.setOccurredAt(decidedAt - 100);
    d.setObservedAt(decidedAt - 10);
    d.setStateBefore(before);
    d.setStateAfter(kind == DecisionKind.APPLIED ? after : before);
    d.setEventState(after);
    d.setVersionBefore(offset);
    d.setVersionAfter(kind == DecisionKind.APPLIED ? offset + 1 : offset);
    d.setChangedFields(before == null ? List.of() : List.of("state", "updatedAt"));
    d.setAmountMinor(425L);
    d.setCurrency("GHS");
    d.setMoneyFlow(MoneyFlow.PURCHASE);
    d.setMovements(movements);
    d.setDiscrepancies(List.of());
    d.setSource("nc-a");
    d.setSourceSystem("netconnect");
    d.setNativeId(orderId);
    d.setNativeStatus(after.name().toLowerCase());
    d.setSourceRecordSha256("00".repeat(32));
    return d;
  }

  /** The poller's event for a decision, carrying what the source said. */
  public static OrderEvent event(String partnerId, String orderId, String eventId, OrderState state, long at) {
    String json = "{\"_id\":\"" + orderId + "\",\"state\":\"" + state.name().toLowerCase() + "\",\"updatedAt\":" + at + "}";
    return OrderEvent.newBuilder(Events.event(partnerId, orderId, null, state, 425, at)).setEventId(eventId)
        .setSourceRecord(SourceRecord.newBuilder().setSystem("netconnect").setNativeId(orderId).setNativeStatus(state.name().toLowerCase())
            .setSourceUpdatedAt(at).setJson(json).setSha256("00".repeat(32)).build())
        .build();
  }

  /**
   * A correct chain of {@code count} movements of one wallet: a top-up, then debits, booked one second apart from
   * {@code firstBookedAt}.
   */
  public static List<WalletEntry> chain(String partnerId, String currency, int count, long firstBookedAt) {
    List<WalletEntry> entries = new ArrayList<>();
    String previous = JournalChain.GENESIS;
    long balance = 0;
    for (int i = 1; i <= count; i++) {
      MovementDirection direction = i == 1 ? MovementDirection.CREDIT : MovementDirection.DEBIT;
      long amount = i == 1 ? 1_000_000 : 100 + i;
      long after = direction == MovementDirection.CREDIT ? balance + amount : balance - amount;
      WalletEntry entry = WalletEntry.newBuilder().setEntryId(partnerId + "-e" + i + "/move").setPartnerId(partnerId)
          .setOrderId(partnerId + "-o" + i).setEventId(partnerId + "-e" + i).setKind(i == 1 ? MovementKind.TOP_UP_CREDIT : MovementKind.ORDER_DEBIT)
          .setDirection(direction).setAmountMinor(amount).setCurrency(currency).setBalanceBeforeMinor(balance).setBalanceAfterMinor(after)
          .setSequence(i).setOccurredAt(firstBookedAt + i * 1_000L - 50).setBookedAt(firstBookedAt + i * 1_000L).setPreviousHash(previous)
          .setHash(null).build();
      entry.setHash(JournalChain.hash(previous, entry));
      entries.add(entry);
      previous = entry.getHash();
      balance = after;
    }
    return entries;
  }
}
