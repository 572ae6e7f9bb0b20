package io.orderledger.ledger.rules;

import io.orderledger.events.OrderEvent;
import io.orderledger.events.OrderSnapshot;
import io.orderledger.events.codec.GeneratedClassTrust;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * A 64-bit hash of what an event says, without when it was observed: a re-delivery of the same observation hashes
 * the same, in any JVM (it hashes Avro's deterministic binary encoding, never Java identity hashes).
 */
public final class PayloadHash {

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;
  private static final SpecificDatumWriter<OrderSnapshot> SNAPSHOT_WRITER = snapshotWriter();
  private static final ThreadLocal<HashingOutput> OUTPUT = ThreadLocal.withInitial(HashingOutput::new);

  private PayloadHash() {
  }

  private static SpecificDatumWriter<OrderSnapshot> snapshotWriter() {
    GeneratedClassTrust.install();
    return new SpecificDatumWriter<>(OrderSnapshot.getClassSchema());
  }

  public static long of(OrderEvent event) {
    HashingOutput out = OUTPUT.get();
    out.reset();
    out.string(event.getEventId());
    out.string(event.getPartnerId());
    out.string(event.getOrderId());
    out.string(event.getSource());
    out.string(event.getPreviousState() == null ? "-" : event.getPreviousState().name());
    out.string(event.getState().name());
    out.number(event.getOccurredAt());
    try {
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, out.encoder);
      out.encoder = encoder;
      SNAPSHOT_WRITER.write(event.getOrder(), encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.hash;
  }

  /** FNV-1a over everything written to it; no buffer, no allocation per event. */
  private static final class HashingOutput extends java.io.OutputStream {
    private long hash;
    private BinaryEncoder encoder;

    void reset() {
      hash = FNV_OFFSET;
    }

    void string(String value) {
      for (int i = 0; i < value.length(); i++) {
        mix(value.charAt(i));
        mix(value.charAt(i) >>> 8);
      }
      mix(0xFF);
    }

    void number(long value) {
      for (int i = 0; i < 8; i++) {
        mix((int) (value >>> (8 * i)));
      }
    }

    private void mix(int b) {
      hash ^= (b & 0xFF);
      hash *= FNV_PRIME;
    }

    @Override
    public void write(int b) {
      mix(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      for (int i = offset; i < offset + length; i++) {
        mix(bytes[i]);
      }
    }
  }
}
