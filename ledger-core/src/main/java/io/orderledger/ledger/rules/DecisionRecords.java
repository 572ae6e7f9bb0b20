package io.orderledger.ledger.rules;

import io.orderledger.events.DecisionKind;
import io.orderledger.events.DecisionMovement;
import io.orderledger.events.DiscrepancyKind;
import io.orderledger.events.LedgerDecisionRecord;
import io.orderledger.events.OrderEvent;
import io.orderledger.events.RejectReason;
import io.orderledger.events.SourceRecord;
import io.orderledger.events.WalletDiscrepancy;
import io.orderledger.events.WalletEntry;
import io.orderledger.events.state.LedgerOrderState;
import java.util.ArrayList;
import java.util.List;

/** The ledger's account of one input: what it did, the order before and after, the money it moved, where it came from. */
public final class DecisionRecords {

  /** Where an input record came from, and its timestamp (the ledger's time for it). */
  public record Input(String topic, int partition, long offset, long timestamp) {
  }

  private DecisionRecords() {
  }

  public static LedgerDecisionRecord applied(OrderEvent event, LedgerOrderState before, OrderLedger.Applied applied, Input input) {
    List<DecisionMovement> movements = new ArrayList<>(applied.entries().size());
    for (WalletEntry entry : applied.entries()) {
      movements.add(new DecisionMovement(entry.getEntryId(), entry.getKind(), entry.getDirection(), entry.getAmountMinor(),
          entry.getCurrency(), entry.getBalanceBeforeMinor(), entry.getBalanceAfterMinor(), entry.getSequence(), entry.getHash()));
    }
    List<DiscrepancyKind> discrepancies = new ArrayList<>(applied.discrepancies().size());
    for (WalletDiscrepancy discrepancy : applied.discrepancies()) {
      discrepancies.add(discrepancy.getKind());
    }
    LedgerDecisionRecord record = base(event, before, DecisionKind.APPLIED, input);
    record.setDecidedAt(applied.order().getBookedAt());
    record.setStateAfter(applied.order().getState());
    record.setVersionAfter(applied.order().getVersion());
    record.setMovements(movements);
    record.setDiscrepancies(discrepancies);
    return record;
  }

  /** A duplicate (reason null), a stale event or a rejection: the order is as it was. */
  public static LedgerDecisionRecord notApplied(OrderEvent event, LedgerOrderState before, DecisionKind kind, RejectReason reason,
                                                String detail, long decidedAt, Input input) {
    LedgerDecisionRecord record = base(event, before, kind, input);
    record.setDecidedAt(decidedAt);
    record.setRejectReason(reason);
    record.setDetail(detail);
    record.setStateAfter(before == null ? null : before.getState());
    record.setVersionAfter(before == null ? 0 : before.getVersion());
    record.setMovements(List.of());
    record.setDiscrepancies(List.of());
    return record;
  }

  /** Built field by field: Avro builders deep-copy every field, and this runs once per input. */
  private static LedgerDecisionRecord base(OrderEvent event, LedgerOrderState before, DecisionKind kind, Input input) {
    LedgerDecisionRecord record = new LedgerDecisionRecord();
    record.setPartnerId(event.getPartnerId());
    record.setOrderId(event.getOrderId());
    record.setEventId(event.getEventId());
    record.setDecision(kind);
    record.setInputTopic(input.topic());
    record.setInputPartition(input.partition());
    record.setInputOffset(input.offset());
    record.setOccurredAt(event.getOccurredAt());
    record.setObservedAt(event.getObservedAt());
    record.setStateBefore(before == null ? null : before.getState());
    record.setEventState(event.getState());
    record.setVersionBefore(before == null ? 0 : before.getVersion());
    record.setChangedFields(event.getChangedFields());
    record.setAmountMinor(event.getOrder().getAmountMinor());
    record.setCurrency(event.getOrder().getCurrency());
    record.setMoneyFlow(event.getMoneyFlow());
    record.setSource(event.getSource());
    SourceRecord source = event.getSourceRecord();
    if (source != null) {
      record.setSourceSystem(source.getSystem());
      record.setNativeId(source.getNativeId());
      record.setNativeStatus(source.getNativeStatus());
      record.setSourceRecordSha256(source.getSha256());
    }
    return record;
  }
}
