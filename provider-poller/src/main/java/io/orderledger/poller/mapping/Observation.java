package io.orderledger.poller.mapping;

import io.orderledger.events.BulkRecipient;
import io.orderledger.events.OrderSnapshot;
import io.orderledger.events.OrderState;

/**
 * One order as a source showed it, mapped to the canonical snapshot.
 *
 * @param orderId         canonical id ({@code SourceConfig#orderId})
 * @param nativeId        the source's own id for it
 * @param nativeStatus    the source's own status text
 * @param createdAt       the source's creation time, epoch ms: what the scan window is measured in
 * @param sourceUpdatedAt the source's own update time, or null when it has none (the snapshot's updatedAt is then the
 *                        poll time)
 */
public record Observation(String orderId, String nativeId, String nativeStatus, long createdAt, Long sourceUpdatedAt,
                          OrderSnapshot snapshot) {

  public boolean hasSourceUpdateTime() {
    return sourceUpdatedAt != null;
  }

  /** One letter per bulk recipient (P, R, C, F), "" for a single order. */
  public String recipientStates() {
    if (snapshot.getBulkRecipients() == null) {
      return "";
    }
    StringBuilder letters = new StringBuilder();
    for (BulkRecipient recipient : snapshot.getBulkRecipients()) {
      letters.append(letter(recipient.getStatus()));
    }
    return letters.toString();
  }

  public static char letter(OrderState state) {
    return state == OrderState.PROCESSING ? 'R' : state.name().charAt(0);
  }
}
