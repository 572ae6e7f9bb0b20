package io.orderledger.events.reject;

import io.orderledger.events.OrderEvent;
import io.orderledger.events.RejectReason;
import io.orderledger.events.RejectedEvent;
import java.nio.ByteBuffer;

/**
 * The one way to build a {@link RejectedEvent}, for the poller (an upstream payload it cannot read) and the ledger
 * (an input it does not apply): the reason, who rejected it, and the raw bytes, so nothing is lost.
 */
public final class Rejections {

  private Rejections() {
  }

  /** Something an upstream source sent: a malformed page, or one order that cannot be mapped. */
  public static RejectedEvent ofUpstream(RejectReason reason, String detail, String rejectedBy, long polledAt, byte[] payload) {
    return RejectedEvent.newBuilder()
        .setReason(reason)
        .setDetail(detail)
        .setRejectedBy(rejectedBy)
        .setInputTimestamp(polledAt)
        .setPayload(payload == null ? null : ByteBuffer.wrap(payload))
        .build();
  }

  /**
   * A Kafka record that was not applied.
   *
   * @param event the decoded event, or null when the bytes could not be decoded
   * @param topic where the record came from, with its partition and offset (each may be null)
   */
  public static RejectedEvent ofInput(RejectReason reason, String detail, String rejectedBy, long recordTimestamp, byte[] payload,
                                      OrderEvent event, String topic, Integer partition, Long offset) {
    return RejectedEvent.newBuilder()
        .setReason(reason)
        .setDetail(detail)
        .setRejectedBy(rejectedBy)
        .setInputTimestamp(recordTimestamp)
        .setPayload(payload == null ? null : ByteBuffer.wrap(payload))
        .setEvent(event)
        .setSourceTopic(topic)
        .setSourcePartition(partition)
        .setSourceOffset(offset)
        .build();
  }
}
