package io.orderledger.query.model;

import io.orderledger.events.DecisionMovement;
import io.orderledger.events.LedgerDecisionRecord;
import io.orderledger.events.money.MinorUnits;
import java.util.List;

/** The ledger's {@link LedgerDecisionRecord} as a history entry. Money in the decision's currency, with its decimals. */
public final class DecisionDtoMapper {

  private DecisionDtoMapper() {
  }

  public static DecisionDto toDto(LedgerDecisionRecord d) {
    String currency = d.getCurrency();
    boolean money = MinorUnits.isKnownCurrency(currency);
    List<DecisionDto.Movement> movements = d.getMovements().stream().map(m -> movement(m)).toList();
    return new DecisionDto(d.getEventId(), StatementEntryMapper.lower(d.getDecision().name()),
        d.getRejectReason() == null ? null : d.getRejectReason().name(), d.getDetail(), d.getDecidedAt(), d.getOccurredAt(),
        d.getObservedAt(), d.getStateBefore() == null ? null : ApiNames.of(d.getStateBefore()),
        d.getStateAfter() == null ? null : ApiNames.of(d.getStateAfter()), ApiNames.of(d.getEventState()), d.getVersionBefore(),
        d.getVersionAfter(), List.copyOf(d.getChangedFields()),
        money && d.getAmountMinor() != null ? MinorUnits.toDecimal(d.getAmountMinor(), currency) : null, currency,
        StatementEntryMapper.lower(d.getMoneyFlow().name()), movements,
        d.getDiscrepancies().stream().map(k -> StatementEntryMapper.lower(k.name())).toList(),
        new DecisionDto.Source(d.getSource(), d.getSourceSystem(), d.getNativeId(), d.getNativeStatus(), d.getSourceRecordSha256()),
        new DecisionDto.Input(d.getInputTopic(), d.getInputPartition(), d.getInputOffset()));
  }

  private static DecisionDto.Movement movement(DecisionMovement m) {
    String currency = m.getCurrency();
    return new DecisionDto.Movement(m.getEntryId(), StatementEntryMapper.lower(m.getKind().name()),
        StatementEntryMapper.lower(m.getDirection().name()), MinorUnits.toDecimal(m.getAmountMinor(), currency),
        MinorUnits.toDecimal(m.getBalanceBeforeMinor(), currency), MinorUnits.toDecimal(m.getBalanceAfterMinor(), currency),
        m.getSequence(), m.getHash());
  }
}
