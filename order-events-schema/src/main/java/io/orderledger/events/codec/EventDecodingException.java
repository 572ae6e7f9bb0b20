package io.orderledger.events.codec;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Bytes on a topic that cannot be read as the expected event type.
 *
 * <p>Extends Kafka's {@link SerializationException} so that consumers and Kafka Streams treat it as a
 * deserialization error (and route it with a handler) rather than as a crash in user code.
 */
public final class EventDecodingException extends SerializationException {

  private final String topic;
  private final DecodingFailure failure;
  private final String expectedType;

  public EventDecodingException(String topic, String expectedType, DecodingFailure failure, String detail, Throwable cause) {
    super("cannot decode " + expectedType + " from topic " + (topic == null ? "<none>" : topic) + ": " + failure + " (" + detail + ")", cause);
    this.topic = topic;
    this.failure = failure;
    this.expectedType = expectedType;
  }

  public String topic() {
    return topic;
  }

  public DecodingFailure failure() {
    return failure;
  }
}
