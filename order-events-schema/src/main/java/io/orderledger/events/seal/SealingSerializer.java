package io.orderledger.events.seal;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/** A serializer that seals each value it writes with the ledger's {@link LedgerMac} header. */
public final class SealingSerializer<T> implements Serializer<T> {

  private final Serializer<T> inner;
  private final LedgerMac mac;

  public SealingSerializer(Serializer<T> inner, LedgerMac mac) {
    this.inner = inner;
    this.mac = mac;
  }

  @Override
  public byte[] serialize(String topic, T data) {
    return inner.serialize(topic, data); // no headers to seal into: only ever called so by tools, never by a sink
  }

  @Override
  public byte[] serialize(String topic, Headers headers, T data) {
    byte[] bytes = inner.serialize(topic, headers, data);
    if (bytes != null) {
      mac.seal(headers, bytes);
    }
    return bytes;
  }
}
