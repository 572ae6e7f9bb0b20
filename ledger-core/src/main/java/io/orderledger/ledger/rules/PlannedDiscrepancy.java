package io.orderledger.ledger.rules;

import io.orderledger.events.DiscrepancyKind;

/**
 * Something an event says about an order's money that the ledger records rather than adopts.
 *
 * @param previousAmountMinor what was booked before the event
 * @param amountMinor what the event says
 */
public record PlannedDiscrepancy(DiscrepancyKind kind, long previousAmountMinor, long amountMinor) {
}
