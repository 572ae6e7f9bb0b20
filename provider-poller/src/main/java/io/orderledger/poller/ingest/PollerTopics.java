package io.orderledger.poller.ingest;

import io.orderledger.events.OrderEvent;
import io.orderledger.events.RejectedEvent;
import io.orderledger.events.codec.EventSerdes;
import io.orderledger.events.topic.Topic;
import io.orderledger.poller.checkpoint.Checkpoint;
import io.orderledger.poller.checkpoint.CheckpointCodec;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** The poller's topics, typed: events and rejects keyed by partner, checkpoints keyed by source id. */
public record PollerTopics(Topic<String, OrderEvent> orderEvents, Topic<String, RejectedEvent> rejected,
                           Topic<String, Checkpoint> checkpoints) {

  public static PollerTopics of(String orderEvents, String rejected, String checkpoints, EventSerdes serdes) {
    Serde<Checkpoint> checkpointSerde = Serdes.serdeFrom(
        (topic, checkpoint) -> checkpoint == null ? null : CheckpointCodec.encode(checkpoint),
        (topic, bytes) -> bytes == null ? null : CheckpointCodec.decode(bytes));
    return new PollerTopics(new Topic<>(orderEvents, Serdes.String(), serdes.orderEvent()),
        new Topic<>(rejected, Serdes.String(), serdes.rejectedEvent()),
        new Topic<>(checkpoints, Serdes.String(), checkpointSerde));
  }
}
