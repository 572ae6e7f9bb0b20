package io.orderledger.poller.adapter;

import io.orderledger.events.OrderSnapshot;

/**
 * One order as a scan saw it, mapped to the canonical snapshot.
 *
 * @param orderId         canonical id ({@link SourceConfig#orderId})
 * @param createdAt       the source's creation time, epoch ms: what the scan window is measured in
 * @param position        the order's position in the source's oldest-first listing, or -1 when the API has none
 * @param recipientStates one letter per bulk recipient (P, R, C, F), "" for a single order: part of the fingerprint
 * @param hasSourceUpdateTime whether {@code snapshot.updatedAt} is the source's own (NetConnect) or the poll time
 */
public record Observation(String orderId, long createdAt, long position, OrderSnapshot snapshot, String recipientStates,
                          boolean hasSourceUpdateTime) {

  /** What "changed" means: the state, and for bulk orders each recipient's state. */
  public String fingerprint() {
    return recipientStates.isEmpty() ? snapshot.getState().name() : snapshot.getState().name() + ":" + recipientStates;
  }
}
