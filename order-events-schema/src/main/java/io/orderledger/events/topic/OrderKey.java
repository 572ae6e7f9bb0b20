package io.orderledger.events.topic;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Key of the compacted order-views topic: one key per order, written as the UTF-8 text {@code partnerId/orderId}.
 *
 * <p>A composite key, not a custom partitioner alone, because compaction needs one key per order; records are
 * nevertheless partitioned by the partner part only ({@link PartnerId#partitionOf}), so a partner's views sit on the
 * same partition number as its events. Partner ids cannot contain '/', so the first '/' splits the key.
 */
public record OrderKey(String partnerId, String orderId) {

  private static final char SEPARATOR = '/';

  public OrderKey {
    PartnerId.requireValid(partnerId);
    Objects.requireNonNull(orderId, "orderId");
  }

  public static OrderKey parse(String text) {
    int split = text.indexOf(SEPARATOR);
    if (split <= 0) {
      throw new IllegalArgumentException("not an order key: " + text);
    }
    return new OrderKey(text.substring(0, split), text.substring(split + 1));
  }

  public String asText() {
    return partnerId + SEPARATOR + orderId;
  }

  public int partition(int numPartitions) {
    return PartnerId.partitionOf(partnerId, numPartitions);
  }

  @Override
  public String toString() {
    return asText();
  }

  public static Serde<OrderKey> serde() {
    Serializer<OrderKey> serializer = (topic, key) -> key == null ? null : key.asText().getBytes(StandardCharsets.UTF_8);
    Deserializer<OrderKey> deserializer = (topic, bytes) -> bytes == null ? null : parse(new String(bytes, StandardCharsets.UTF_8));
    return Serdes.serdeFrom(serializer, deserializer);
  }
}
