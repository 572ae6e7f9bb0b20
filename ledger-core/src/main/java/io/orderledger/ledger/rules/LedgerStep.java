package io.orderledger.ledger.rules;

import io.orderledger.events.DecisionKind;
import io.orderledger.events.LedgerDecisionRecord;
import io.orderledger.events.OrderEvent;
import io.orderledger.events.OrderView;
import io.orderledger.events.RejectReason;
import io.orderledger.events.WalletDiscrepancy;
import io.orderledger.events.WalletEntry;
import io.orderledger.events.state.LedgerOrderState;
import io.orderledger.events.state.WalletState;
import io.orderledger.events.topic.PartnerId;
import java.util.List;

/**
 * What the ledger does with one decoded event, as a pure function of the event and the state it reads: decide, apply,
 * and say what to store and what to publish. The Kafka Streams processor runs it against its state stores; the audit
 * tool runs the very same code against maps in memory, which is what makes its verdict worth having.
 */
public final class LedgerStep {

  /** The state one step reads. */
  public interface State {

    LedgerOrderState order(String orderId);

    /** The partner that first claimed an order id, when this state does not hold the order itself. */
    String owner(String orderId);

    WalletState wallet(String partnerId);
  }

  /**
   * One step's result. {@code order} and {@code wallet} are what to store (null: leave the stored one as it is);
   * {@code claim} is true when this event claimed its order id for its partner. A step that did not apply the event
   * has a {@code rejectReason} (not for a duplicate); {@code failure} is the exception when a rule threw.
   */
  public record Outcome(LedgerOrderState order, WalletState wallet, OrderView view, List<WalletEntry> entries,
                        List<WalletDiscrepancy> discrepancies, boolean claim, LedgerDecisionRecord decision,
                        RejectReason rejectReason, String rejectDetail, RuntimeException failure) {

    public boolean applied() {
      return view != null;
    }
  }

  private LedgerStep() {
  }

  /**
   * @param recordKey the input record's key as text (null when it had none): it must name the event's partner
   * @param input where the event was read, and the record's timestamp, from which the partner's clock books it
   *     ({@link PartnerClock})
   */
  public static Outcome fold(State state, OrderEvent event, String recordKey, DecisionRecords.Input input) {
    LedgerOrderState current = state.order(event.getOrderId());
    String knownOwner = current == null ? state.owner(event.getOrderId()) : null;
    // The partner's wallet state holds its booking clock: every input is decided at one time of the partner's.
    WalletState wallet = PartnerId.isValid(event.getPartnerId()) ? state.wallet(event.getPartnerId()) : null;
    long bookedAt = PartnerClock.bookingTime(input.timestamp(), wallet, current);
    LedgerDecision decision;
    long payloadHash;
    try {
      payloadHash = PayloadHash.of(event);
      decision = OrderDecider.decide(event, recordKey, current, knownOwner, payloadHash);
    } catch (RuntimeException e) {
      return notApplied(event, current, bookedAt, input, RejectReason.PROCESSING_ERROR, e.toString(), e);
    }
    if (decision instanceof LedgerDecision.Reject rejection) {
      return notApplied(event, current, bookedAt, input, rejection.reason(), rejection.detail(), null);
    }
    if (!(decision instanceof LedgerDecision.Apply apply)) {
      return new Outcome(null, null, null, List.of(), List.of(), false,
          DecisionRecords.notApplied(event, current, DecisionKind.DUPLICATE, null, null, bookedAt, input), null, null, null);
    }
    OrderLedger.Applied applied;
    try {
      applied = OrderLedger.apply(current, event, payloadHash, apply, wallet, bookedAt);
    } catch (RuntimeException e) {
      return notApplied(event, current, bookedAt, input, RejectReason.PROCESSING_ERROR, e.toString(), e);
    }
    // Stored when money moved or the partner's clock moved on; an unchanged wallet is not written again.
    WalletState walletAfter = applied.wallet() == wallet ? null : applied.wallet();
    return new Outcome(applied.order(), walletAfter, applied.view(), applied.entries(), applied.discrepancies(),
        current == null && knownOwner == null, DecisionRecords.applied(event, current, applied, input), null, null, null);
  }

  /** A decoded event that is not applied: a STALE or REJECTED decision, and the reason its input is rejected for. */
  private static Outcome notApplied(OrderEvent event, LedgerOrderState current, long decidedAt, DecisionRecords.Input input,
                                    RejectReason reason, String detail, RuntimeException failure) {
    DecisionKind kind = reason == RejectReason.STALE_EVENT ? DecisionKind.STALE : DecisionKind.REJECTED;
    return new Outcome(null, null, null, List.of(), List.of(), false,
        DecisionRecords.notApplied(event, current, kind, reason, detail, decidedAt, input), reason, detail, failure);
  }
}
