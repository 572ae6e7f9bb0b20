package io.orderledger.query.store;

import io.orderledger.events.OrderState;
import io.orderledger.events.OrderType;
import java.nio.ByteBuffer;

/**
 * What the orders store holds per order: a small header the index and the readers need, then the order's API JSON,
 * rendered once when the view arrives so that a request only copies bytes.
 *
 * <pre>  format(1) version(8) createdAt(8) materializedAt(8) type(1) state(1) json(...)</pre>
 *
 * @param version the ledger's view version: an older or repeated view is ignored
 * @param materializedAt when this store first saw the order (query server clock): a list walk skips orders that
 *     arrived after it began
 */
public record StoredOrder(long version, long createdAt, long materializedAt, OrderType type, OrderState state, byte[] json) {

  private static final byte FORMAT = 1;
  static final int HEADER = 1 + 8 + 8 + 8 + 1 + 1;
  private static final OrderType[] TYPES = OrderType.values();
  private static final OrderState[] STATES = OrderState.values();

  /** The header of stored bytes, read in place: the JSON stays where it is (from {@link #HEADER} to the end). */
  public record Header(long createdAt, long materializedAt, OrderType type, OrderState state) {
    public static Header of(byte[] stored) {
      if (stored[0] != FORMAT) {
        throw new IllegalStateException("unknown stored order format " + stored[0]);
      }
      ByteBuffer in = ByteBuffer.wrap(stored);
      return new Header(in.getLong(9), in.getLong(17), TYPES[stored[25]], STATES[stored[26]]);
    }
  }

  public static int jsonOffset() {
    return HEADER;
  }

  public byte[] encode() {
    return ByteBuffer.allocate(HEADER + json.length)
        .put(FORMAT).putLong(version).putLong(createdAt).putLong(materializedAt)
        .put((byte) type.ordinal()).put((byte) state.ordinal()).put(json).array();
  }

  public static StoredOrder decode(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    byte format = in.get();
    if (format != FORMAT) {
      throw new IllegalStateException("unknown stored order format " + format);
    }
    long version = in.getLong();
    long createdAt = in.getLong();
    long materializedAt = in.getLong();
    OrderType type = TYPES[in.get()];
    OrderState state = STATES[in.get()];
    byte[] json = new byte[in.remaining()];
    in.get(json);
    return new StoredOrder(version, createdAt, materializedAt, type, state, json);
  }
}
