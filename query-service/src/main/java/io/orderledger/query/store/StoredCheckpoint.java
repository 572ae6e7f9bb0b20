package io.orderledger.query.store;

import io.orderledger.events.LedgerCheckpoint;
import io.orderledger.events.codec.SingleObjectCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** A wallet's latest checkpoint as stored: the verdict on its signature, then the checkpoint itself. */
public record StoredCheckpoint(String signature, LedgerCheckpoint checkpoint) {

  private static final SingleObjectCodec<LedgerCheckpoint> CODEC = SingleObjectCodec.of(LedgerCheckpoint.class);

  static byte[] encode(LedgerCheckpoint checkpoint, String signature) {
    byte[] verdict = signature.getBytes(StandardCharsets.US_ASCII);
    byte[] body = CODEC.encode(checkpoint);
    return ByteBuffer.allocate(1 + verdict.length + body.length).put((byte) verdict.length).put(verdict).put(body).array();
  }

  public static StoredCheckpoint decode(byte[] stored) {
    int length = stored[0];
    String verdict = new String(stored, 1, length, StandardCharsets.US_ASCII);
    byte[] body = java.util.Arrays.copyOfRange(stored, 1 + length, stored.length);
    return new StoredCheckpoint(verdict, CODEC.decode(QueryStore.CHAINS.label(), body));
  }
}
