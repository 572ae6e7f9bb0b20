package io.orderledger.query.model;

import io.orderledger.events.WalletEntry;
import io.orderledger.events.journal.JournalVerifier;
import io.orderledger.events.money.MinorUnits;
import java.util.Locale;

/** A wallet-journal entry as a statement line. */
public final class StatementEntryMapper {

  private StatementEntryMapper() {
  }

  /** @param problem what the entry showed when checked against its wallet's chain, or null when it continued it */
  public static StatementEntryDto toDto(WalletEntry entry, JournalVerifier.Problem problem) {
    String currency = entry.getCurrency();
    return new StatementEntryDto(entry.getSequence(), lower(entry.getKind().name()), lower(entry.getDirection().name()),
        MinorUnits.toDecimal(entry.getAmountMinor(), currency), currency,
        MinorUnits.toDecimal(entry.getBalanceBeforeMinor(), currency), MinorUnits.toDecimal(entry.getBalanceAfterMinor(), currency),
        entry.getOrderId(), entry.getEventId(), entry.getEntryId(), entry.getRecipientIndex(), entry.getOccurredAt(), entry.getBookedAt(),
        entry.getPreviousHash(), entry.getHash(), problem == null ? "ok" : lower(problem.name()));
  }

  static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
