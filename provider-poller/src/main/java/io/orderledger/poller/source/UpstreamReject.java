package io.orderledger.poller.source;

import io.orderledger.events.RejectReason;

/**
 * Something a source sent that the poller cannot turn into an event: a malformed page, or one order with a missing
 * field, an unknown status or a bad amount. It goes to the rejects topic with the raw bytes.
 *
 * @param orderId the canonical id when the payload is one order whose id could be read, else null
 */
public record UpstreamReject(RejectReason reason, String detail, byte[] payload, String orderId) {
}
