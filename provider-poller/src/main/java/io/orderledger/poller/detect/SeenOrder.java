package io.orderledger.poller.detect;

import io.orderledger.events.OrderState;

/**
 * What the poller last recorded of one order still in its window.
 *
 * @param fingerprint  state, and for bulk orders the recipients' states ({@code PROCESSING:RRC}); "" when only a
 *                     rejected payload is known
 * @param createdAt    the source's creation time
 * @param position     position in an oldest-first listing, or -1
 * @param updatedAt    the snapshot's update time when the change was recorded
 * @param rejectedHash hash of the last payload of this order sent to the rejects topic, so it is sent once, or null
 */
public record SeenOrder(String fingerprint, long createdAt, long position, long updatedAt, String rejectedHash) {

  /** The recorded state, or null when nothing valid was ever seen of the order. */
  public OrderState state() {
    if (fingerprint.isEmpty()) {
      return null;
    }
    int colon = fingerprint.indexOf(':');
    return OrderState.valueOf(colon < 0 ? fingerprint : fingerprint.substring(0, colon));
  }

  /** Open orders can still change whatever their age; completed ones can be reversed within the settle window. */
  public boolean isOpen() {
    OrderState state = state();
    return state == OrderState.PENDING || state == OrderState.PROCESSING;
  }
}
