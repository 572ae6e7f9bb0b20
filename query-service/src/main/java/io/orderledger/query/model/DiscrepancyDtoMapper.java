package io.orderledger.query.model;

import io.orderledger.events.WalletDiscrepancy;
import io.orderledger.events.money.MinorUnits;
import java.math.BigDecimal;

/** A recorded wallet discrepancy as the API shows it, money in the currency's units. */
public final class DiscrepancyDtoMapper {

  private DiscrepancyDtoMapper() {
  }

  public static DiscrepancyDto toDto(WalletDiscrepancy d) {
    String currency = d.getCurrency();
    return new DiscrepancyDto(StatementEntryMapper.lower(d.getKind().name()), d.getOrderId(), d.getEventId(), currency,
        MinorUnits.toDecimal(d.getAmountMinor(), currency), decimal(d.getPreviousAmountMinor(), currency),
        MinorUnits.toDecimal(d.getComputedBalanceBeforeMinor(), currency), MinorUnits.toDecimal(d.getComputedBalanceAfterMinor(), currency),
        decimal(d.getSourceBalanceBeforeMinor(), currency), decimal(d.getSourceBalanceAfterMinor(), currency), d.getSourceSelfConsistent(),
        d.getOccurredAt());
  }

  private static BigDecimal decimal(Long minor, String currency) {
    return minor == null ? null : MinorUnits.toDecimal(minor, currency);
  }
}
