package io.orderledger.query.store;

import io.orderledger.events.OrderState;
import io.orderledger.events.OrderType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;

/**
 * Byte layouts of the query stores' keys. RocksDB orders keys bytewise, so the layouts are built for the scans the API
 * makes: every key starts with the partner id and a 0x00 (partner ids are printable ASCII), and every index key ends
 * with a <em>position</em>: {@code Long.MAX_VALUE - createdAt} (8 bytes, big-endian) and the order id, so that a
 * forward scan yields newest first, ties broken by order id.
 *
 * <pre>
 *   orders store:  partner 00 orderId
 *   index store:   partner 00 'T' position                   all orders
 *                  partner 00 'Y' type position              by order type
 *                  partner 00 'S' state position             by state
 *                  partner 00 'Z' type state position        by order type and state
 * </pre>
 *
 * Type and state are one byte each: the Avro enum symbol's position, which only ever grows at the end.
 */
public final class StoreKeys {

  static final byte ALL = 'T';
  static final byte BY_TYPE = 'Y';
  static final byte BY_STATE = 'S';
  static final byte BY_TYPE_AND_STATE = 'Z';

  private StoreKeys() {
  }

  public static Bytes order(String partnerId, String orderId) {
    byte[] partner = partnerId.getBytes(StandardCharsets.US_ASCII);
    byte[] order = orderId.getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(ByteBuffer.allocate(partner.length + 1 + order.length).put(partner).put((byte) 0).put(order).array());
  }

  /** The prefix every index key of one scan shares. {@code type} and {@code state} are null where the scan has none. */
  public static byte[] indexPrefix(String partnerId, OrderType type, OrderState state) {
    byte[] partner = partnerId.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer prefix = ByteBuffer.allocate(partner.length + 4).put(partner).put((byte) 0);
    if (type == null && state == null) {
      prefix.put(ALL);
    } else if (state == null) {
      prefix.put(BY_TYPE).put((byte) type.ordinal());
    } else if (type == null) {
      prefix.put(BY_STATE).put((byte) state.ordinal());
    } else {
      prefix.put(BY_TYPE_AND_STATE).put((byte) type.ordinal()).put((byte) state.ordinal());
    }
    byte[] result = new byte[prefix.position()];
    prefix.flip().get(result);
    return result;
  }

  public static byte[] position(long createdAt, String orderId) {
    byte[] order = orderId.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(8 + order.length).putLong(Long.MAX_VALUE - createdAt).put(order).array();
  }

  public static Bytes indexKey(byte[] prefix, byte[] position) {
    return Bytes.wrap(ByteBuffer.allocate(prefix.length + position.length).put(prefix).put(position).array());
  }

  /** The four index keys an order has: all, by type, by state, by type and state. */
  static Bytes[] indexKeysOf(String partnerId, OrderType type, OrderState state, long createdAt, String orderId) {
    byte[] position = position(createdAt, orderId);
    return new Bytes[] {
        indexKey(indexPrefix(partnerId, null, null), position),
        indexKey(indexPrefix(partnerId, type, null), position),
        indexKey(indexPrefix(partnerId, null, state), position),
        indexKey(indexPrefix(partnerId, type, state), position)};
  }

  /** The order id at the end of an index key. */
  public static String orderIdOf(byte[] indexKey, int prefixLength) {
    return new String(indexKey, prefixLength + 8, indexKey.length - prefixLength - 8, StandardCharsets.UTF_8);
  }
}
