package io.orderledger.query.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One history entry: the event it decided on (to find the source's record of it) and its JSON.
 *
 * <pre>  eventIdLength(2) eventId(UTF-8) json(...)</pre>
 */
public final class StoredDecision {

  private StoredDecision() {
  }

  static byte[] encode(String eventId, byte[] json) {
    byte[] event = eventId.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(2 + event.length + json.length).putShort((short) event.length).put(event).put(json).array();
  }

  public static String eventIdOf(byte[] stored) {
    int length = ByteBuffer.wrap(stored, 0, 2).getShort() & 0xFFFF;
    return new String(stored, 2, length, StandardCharsets.UTF_8);
  }

  public static int jsonOffset(byte[] stored) {
    return 2 + (ByteBuffer.wrap(stored, 0, 2).getShort() & 0xFFFF);
  }
}
