package io.orderledger.events.codec;

import static io.orderledger.events.fixtures.Events.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderledger.events.OrderEvent;
import io.orderledger.events.OrderState;
import io.orderledger.events.OrderView;
import io.orderledger.events.fixtures.Events;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

class SingleObjectCodecTest {

  private static final String TOPIC = "order-events";
  private final SingleObjectCodec<OrderEvent> codec = SingleObjectCodec.of(OrderEvent.class);
  private final OrderEvent sample = event("partner-a", "kh72y10adpkj8kr1bbrgcgnvcd841w5g", null, OrderState.PROCESSING, 425, 1775046435554L);

  @Test
  void roundTripsAnEventWithBulkRecipients() {
    OrderEvent bulk = Events.event("partner-a", Events.bulkSnapshot("bulk-1", OrderState.PROCESSING, 1775046435554L,
        List.of(Events.recipient("233540000001", 425, OrderState.COMPLETED), Events.recipient("233540000002", 425, OrderState.FAILED))).build(), null);

    assertThat(codec.decode(TOPIC, codec.encode(bulk))).isEqualTo(bulk);
  }

  @Test
  void writesTheAvroSpecHeaderAndFingerprint() {
    byte[] bytes = codec.encode(sample);

    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    assertThat(ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong()).isEqualTo(codec.writerFingerprint());
  }

  @Test
  void writesExactlyWhatAvrosOwnMessageEncoderWrites() throws Exception {
    ByteBuffer avro = new BinaryMessageEncoder<OrderEvent>(SpecificData.get(), OrderEvent.getClassSchema()).encode(sample);
    byte[] expected = new byte[avro.remaining()];
    avro.get(expected);

    assertThat(codec.encode(sample)).isEqualTo(expected);
  }

  @Test
  void interoperatesWithAvrosOwnMessageDecoder() throws Exception {
    BinaryMessageDecoder<OrderEvent> avroDecoder = new BinaryMessageDecoder<>(SpecificData.get(), OrderEvent.getClassSchema());

    assertThat(avroDecoder.decode(codec.encode(sample))).isEqualTo(sample);
  }

  @Test
  void rejectsPlainGarbageAsNotSingleObjectEncoded() {
    assertFailure("{\"orderId\": 42}".getBytes(StandardCharsets.UTF_8), DecodingFailure.NOT_SINGLE_OBJECT_ENCODED);
    assertFailure(new byte[0], DecodingFailure.NOT_SINGLE_OBJECT_ENCODED);
  }

  @Test
  void rejectsATruncatedBody() {
    byte[] bytes = codec.encode(sample);

    assertFailure(Arrays.copyOf(bytes, bytes.length - 7), DecodingFailure.TRUNCATED);
    assertFailure(Arrays.copyOf(bytes, 6), DecodingFailure.TRUNCATED);
  }

  @Test
  void rejectsAnUnknownFingerprint() {
    byte[] bytes = codec.encode(sample);
    bytes[5] ^= 0x5A;

    assertFailure(bytes, DecodingFailure.UNKNOWN_SCHEMA_FINGERPRINT);
  }

  @Test
  void rejectsAnotherTypeWrittenToTheTopic() {
    byte[] view = SingleObjectCodec.of(OrderView.class).encode(OrderView.newBuilder()
        .setPartnerId("p").setOrderId("o").setVersion(1).setLastEventId("e").setFirstSeenAt(1).setOrder(sample.getOrder()).build());

    assertFailure(view, DecodingFailure.UNKNOWN_SCHEMA_FINGERPRINT);
  }

  @Test
  void rejectsTrailingBytesAsCorrupt() {
    byte[] bytes = codec.encode(sample);

    assertFailure(Arrays.copyOf(bytes, bytes.length + 3), DecodingFailure.CORRUPT);
  }

  @Test
  void rejectsAnImpossibleLengthAsCorruptWithoutBlowingUp() {
    byte[] bytes = Arrays.copyOf(codec.encode(sample), 14);
    // The first field (eventId) is a string: make its zig-zag length prefix negative.
    bytes[10] = 0x01;

    assertFailure(bytes, DecodingFailure.CORRUPT);
  }

  @Test
  void theErrorNamesTopicTypeAndReason() {
    assertThatThrownBy(() -> codec.decode("order-events", new byte[] {1, 2, 3}))
        .isInstanceOf(org.apache.kafka.common.errors.SerializationException.class)
        .hasMessageContaining("order-events")
        .hasMessageContaining("io.orderledger.events.OrderEvent")
        .hasMessageContaining("NOT_SINGLE_OBJECT_ENCODED");
  }

  @Test
  void v2ReaderDecodesBytesWrittenWithV1() throws Exception {
    Schema v1 = eventSchema(1);
    GenericRecord oldEvent = toGeneric(sample, v1);
    ByteBuffer encoded = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(oldEvent);
    byte[] writtenByV1 = new byte[encoded.remaining()];
    encoded.get(writtenByV1);

    OrderEvent read = codec.decode(TOPIC, writtenByV1);

    assertThat(read.getEventId()).isEqualTo(sample.getEventId());
    assertThat(read.getOrder().getAmountMinor()).isEqualTo(425L);
    assertThat(read.getOrder().getSourceStatus()).as("field added in v2 takes its default").isNull();
  }

  @Test
  void v1ReaderDecodesBytesWrittenWithV2() throws Exception {
    OrderEvent withV2Field = OrderEvent.newBuilder(sample)
        .setOrder(io.orderledger.events.OrderSnapshot.newBuilder(sample.getOrder()).setSourceStatus("PARTIALLY_DELIVERED").build())
        .build();
    BinaryMessageDecoder<GenericRecord> oldConsumer = new BinaryMessageDecoder<>(GenericData.get(), eventSchema(1));
    oldConsumer.addSchema(OrderEvent.getClassSchema());

    GenericRecord read = oldConsumer.decode(codec.encode(withV2Field));

    assertThat(read.get("eventId").toString()).isEqualTo(sample.getEventId());
    assertThat(((GenericRecord) read.get("order")).hasField("sourceStatus")).isFalse();
    assertThat(((GenericRecord) read.get("order")).get("amountMinor")).isEqualTo(425L);
  }

  private static Schema eventSchema(int version) {
    return SchemaCatalog.shipped().versions().get(version - 1).type("io.orderledger.events.OrderEvent").orElseThrow();
  }

  /** The sample as a generic record of an older schema: encode with the current schema, read back with the old one. */
  private GenericRecord toGeneric(OrderEvent event, Schema oldSchema) throws Exception {
    BinaryMessageDecoder<GenericRecord> decoder = new BinaryMessageDecoder<>(GenericData.get(), oldSchema);
    decoder.addSchema(OrderEvent.getClassSchema());
    return decoder.decode(codec.encode(event));
  }

  private void assertFailure(byte[] bytes, DecodingFailure expected) {
    assertThatThrownBy(() -> codec.decode(TOPIC, bytes))
        .isInstanceOfSatisfying(EventDecodingException.class, e -> {
          assertThat(e.failure()).isEqualTo(expected);
          assertThat(e.topic()).isEqualTo(TOPIC);
        });
  }
}
