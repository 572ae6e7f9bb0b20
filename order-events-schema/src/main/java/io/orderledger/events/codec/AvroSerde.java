package io.orderledger.events.codec;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for one generated Avro type in single-object encoding. A null value is a tombstone both ways.
 * Deserialization failures are {@link EventDecodingException}s naming the topic.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {

  private final SingleObjectCodec<T> codec;

  public AvroSerde(SingleObjectCodec<T> codec) {
    this.codec = codec;
  }

  public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
    return new AvroSerde<>(SingleObjectCodec.of(type));
  }

  public SingleObjectCodec<T> codec() {
    return codec;
  }

  @Override
  public byte[] serialize(String topic, T data) {
    return data == null ? null : codec.encode(data);
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    return data == null ? null : codec.decode(topic, data);
  }

  @Override
  public Serializer<T> serializer() {
    return this;
  }

  @Override
  public Deserializer<T> deserializer() {
    return this;
  }

  @Override
  public void configure(java.util.Map<String, ?> configs, boolean isKey) {
    // Nothing to configure: the schemas ship with this jar.
  }

  @Override
  public void close() {
    // Stateless: nothing to release.
  }
}
