package io.orderledger.simulator.world;

import java.util.List;

/**
 * One upstream order as its source holds it. Mutated only by {@link ProviderWorld} and the {@link SourceShape} hooks it
 * calls, under its write lock; the API renderers read it under the read lock.
 */
public final class SimOrder {
  final SimSource source;
  /** Position in the source's creation order, from 0: the stable order every listing is sorted by. */
  final int sequence;
  final String id;
  final OrderKind kind;
  final long createdAt;
  final String msisdn;
  final List<SimRecipient> recipients;
  /** The price: a source may correct it while the order is pending. */
  long amountMinor;
  SimState state = SimState.PENDING;
  long updatedAt;
  Long submittedAt;
  Long completedAt;
  String errorMessage;
  /** The provider's reference: it arrives a while after the order was submitted. */
  String providerRef;
  /** A multi-card gift card order some of whose cards are not delivered yet (PARTIALLY_DELIVERED). */
  boolean partiallyDelivered;
  /** An eSIM order's status message, which moves on while the order is processing. */
  String statusMessage;
  /** An eSIM's identity, assigned when the order completes. */
  String iccid;
  /** The source's own wallet figures when it charged the order (NetConnect reports them for agent orders). */
  Long walletBeforeMinor;
  Long walletAfterMinor;
  /** A completed gift card or eSIM order cancelled (and refunded) afterwards: the source says "cancelled". */
  boolean cancelledAfterDelivery;
  /** What has been refunded so far (bulk recipients), so a later full refund returns only the rest. */
  long refundedMinor;

  SimOrder(SimSource source, int sequence, String id, OrderKind kind, long amountMinor, long createdAt, String msisdn,
           List<SimRecipient> recipients) {
    this.source = source;
    this.sequence = sequence;
    this.id = id;
    this.kind = kind;
    this.amountMinor = amountMinor;
    this.createdAt = createdAt;
    this.updatedAt = createdAt;
    this.msisdn = msisdn;
    this.recipients = recipients;
  }

  public SimSource source() { return source; }
  public int sequence() { return sequence; }
  public String id() { return id; }
  public OrderKind kind() { return kind; }
  public long amountMinor() { return amountMinor; }
  public long createdAt() { return createdAt; }
  public long updatedAt() { return updatedAt; }
  public String msisdn() { return msisdn; }
  public List<SimRecipient> recipients() { return recipients; }
  public boolean isBulk() { return recipients != null; }
  public SimState state() { return state; }
  public Long submittedAt() { return submittedAt; }
  public Long completedAt() { return completedAt; }
  public String errorMessage() { return errorMessage; }
  public String providerRef() { return providerRef; }
  public boolean partiallyDelivered() { return partiallyDelivered; }
  public String statusMessage() { return statusMessage; }
  public String iccid() { return iccid; }
  public Long walletBeforeMinor() { return walletBeforeMinor; }
  public Long walletAfterMinor() { return walletAfterMinor; }
  public boolean cancelledAfterDelivery() { return cancelledAfterDelivery; }

  // For the SourceShape hooks, which the world calls under its write lock.

  public void setErrorMessage(String errorMessage) { this.errorMessage = errorMessage; }
  public void setProviderRef(String providerRef) { this.providerRef = providerRef; }
  public void setStatusMessage(String statusMessage) { this.statusMessage = statusMessage; }
  public void setIccid(String iccid) { this.iccid = iccid; }

  /** The recipients' states in order, one letter each (P, R, C, F), or "" for a single order. */
  public String recipientStates() {
    if (recipients == null) {
      return "";
    }
    StringBuilder states = new StringBuilder(recipients.size());
    for (SimRecipient recipient : recipients) {
      states.append(recipient.state == SimState.PROCESSING ? 'R' : recipient.state.name().charAt(0));
    }
    return states.toString();
  }
}
