package io.orderledger.audit.rules;

import java.util.List;

/**
 * What the rules, as the README writes them, say one input should have produced: plain values, no ledger types, so
 * that the verify compares two independent accounts of the same input field by field ({@code verify.Canonical}).
 */
public final class Expected {

  private Expected() {
  }

  /** One wallet movement, as the journal entry and the decision's movement both state it. */
  public record Movement(String entryId, String partnerId, String orderId, String eventId, String kind, String direction,
                         long amountMinor, String currency, long balanceBeforeMinor, long balanceAfterMinor, long sequence,
                         Integer recipientIndex, long occurredAt, long bookedAt, String previousHash, String hash) {
  }

  /** The decision record of an input. {@code reason} is null unless REJECTED or STALE. */
  public record Decision(String partnerId, String orderId, String eventId, int inputPartition, long inputOffset, String kind,
                         String reason, String stateBefore, String stateAfter, String eventState, long versionBefore,
                         long versionAfter, long decidedAt, Long amountMinor, String currency, List<Movement> movements,
                         List<String> discrepancyKinds) {
  }

  /** The order's view after an applied input. */
  public record View(String partnerId, String orderId, long version, String lastEventId, long firstSeenAt, String state,
                     Long amountMinor, String currency, Long walletBalanceBeforeMinor, Long walletBalanceAfterMinor,
                     long refundedMinor, long bookedAt) {
  }

  /** A wallet-discrepancies record. */
  public record Discrepancy(String kind, String partnerId, String orderId, String eventId, String currency, Long amountMinor,
                            Long previousAmountMinor, long computedBalanceBeforeMinor, long computedBalanceAfterMinor,
                            Long sourceBalanceBeforeMinor, Long sourceBalanceAfterMinor, boolean sourceSelfConsistent,
                            long occurredAt) {
  }

  /**
   * Everything one decoded input should produce. {@code rejectReason} is set when the input goes to the rejects topic;
   * {@code claim} when it claims its order id for its partner (order-owners).
   */
  public record Outcome(Decision decision, View view, List<Movement> entries, List<Discrepancy> discrepancies, String rejectReason,
                        boolean claim) {
  }
}
