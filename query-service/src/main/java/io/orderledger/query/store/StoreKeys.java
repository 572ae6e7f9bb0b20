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
 *   orders store:          partner 00 orderId
 *   index store:           partner 00 'T' position                   all orders
 *                          partner 00 'Y' type position              by order type
 *                          partner 00 'S' state position             by state
 *                          partner 00 'Z' type state position        by order type and state
 *   versions store:        partner 00 orderId 00 version             every version of an order, oldest first
 *   history store:         partner 00 orderId 00 decidedAt partition offset   every decision on an order, oldest first
 *   source-records store:  partner 00 orderId 00 eventId            what the source said, per event
 *   journal store:         partner 00 currency 00 sequence           a wallet's entries in sequence order
 *   journal-time store:    partner 00 currency 00 bookedAt sequence  the same entries by time (the same order: bookedAt
 *                                                                    never goes back within a wallet)
 *   chains store:          partner 00 currency                       where each wallet's hash chain stands
 *   discrepancies store:   partner 00 (MAX - occurredAt) eventId 00 kind   where a source's figures disagreed, newest first
 * </pre>
 *
 * Type and state are one byte each: the Avro enum symbol's position, which only ever grows at the end. Numbers are
 * 8 bytes big-endian and never negative, so bytewise order is numeric order; UTF-8 never has a 0xFF byte, so
 * {@code prefix + 0xFF} bounds every scan of a prefix.
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

  /** The index positions of orders created in {@code [createdFrom, createdTo]}: {@code [from, to)} as bytes. */
  public static byte[] positionFrom(long createdTo) {
    return ByteBuffer.allocate(8).putLong(Long.MAX_VALUE - createdTo).array();
  }

  public static byte[] positionTo(long createdFrom) {
    // Every position of an order created at createdFrom sorts below this one.
    return ByteBuffer.allocate(8).putLong(Long.MAX_VALUE - createdFrom + 1).array();
  }

  /** {@code partner 00 orderId 00}: what every key of one order's versions, decisions and source records starts with. */
  public static byte[] orderPrefix(String partnerId, String orderId) {
    byte[] partner = partnerId.getBytes(StandardCharsets.US_ASCII);
    byte[] order = orderId.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(partner.length + 2 + order.length).put(partner).put((byte) 0).put(order).put((byte) 0).array();
  }

  static Bytes version(String partnerId, String orderId, long version) {
    byte[] prefix = orderPrefix(partnerId, orderId);
    return Bytes.wrap(ByteBuffer.allocate(prefix.length + 8).put(prefix).putLong(version).array());
  }

  /** A decision's key: by the ledger's time for it, then where its input was, which also makes replays idempotent. */
  static Bytes decision(String partnerId, String orderId, long decidedAt, int partition, long offset) {
    byte[] prefix = orderPrefix(partnerId, orderId);
    return Bytes.wrap(ByteBuffer.allocate(prefix.length + 20).put(prefix).putLong(decidedAt).putInt(partition).putLong(offset).array());
  }

  public static Bytes sourceRecord(String partnerId, String orderId, String eventId) {
    byte[] prefix = orderPrefix(partnerId, orderId);
    byte[] event = eventId.getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(ByteBuffer.allocate(prefix.length + event.length).put(prefix).put(event).array());
  }

  /** {@code partner 00 currency 00}: the prefix of a wallet's journal and journal-time keys. */
  public static byte[] walletPrefix(String partnerId, String currency) {
    byte[] partner = partnerId.getBytes(StandardCharsets.US_ASCII);
    byte[] code = currency.getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(partner.length + 2 + code.length).put(partner).put((byte) 0).put(code).put((byte) 0).array();
  }

  public static Bytes journal(String partnerId, String currency, long sequence) {
    return suffixed(walletPrefix(partnerId, currency), sequence);
  }

  public static Bytes journalTime(String partnerId, String currency, long bookedAt, long sequence) {
    byte[] prefix = walletPrefix(partnerId, currency);
    return Bytes.wrap(ByteBuffer.allocate(prefix.length + 16).put(prefix).putLong(bookedAt).putLong(sequence).array());
  }

  /** {@code partner 00}: the prefix of a partner's discrepancy keys. */
  public static byte[] partnerPrefix(String partnerId) {
    byte[] partner = partnerId.getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(partner.length + 1).put(partner).put((byte) 0).array();
  }

  /**
   * A discrepancy's key: newest first ({@code Long.MAX_VALUE - occurredAt}), then the event and the kind, which makes a
   * replay write the same key.
   */
  static Bytes discrepancy(String partnerId, long occurredAt, String eventId, int kind) {
    byte[] prefix = partnerPrefix(partnerId);
    byte[] event = eventId.getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(ByteBuffer.allocate(prefix.length + 8 + event.length + 2).put(prefix).putLong(Long.MAX_VALUE - occurredAt).put(event)
        .put((byte) 0).put((byte) kind).array());
  }

  public static String chain(String partnerId, String currency) {
    return partnerId + "/" + currency;
  }

  /** The wallet's latest signed checkpoint, beside its chain state in the chains store. */
  public static String checkpoint(String partnerId, String currency) {
    return partnerId + "/" + currency + "/checkpoint";
  }

  public static Bytes suffixed(byte[] prefix, long value) {
    return Bytes.wrap(ByteBuffer.allocate(prefix.length + 8).put(prefix).putLong(value).array());
  }

  /** The smallest key after {@code prefix} + {@code position}: where a walk continues after the position it last read. */
  public static Bytes justAfter(byte[] prefix, byte[] position) {
    return Bytes.wrap(java.util.Arrays.copyOf(concat(prefix, position), prefix.length + position.length + 1));
  }

  /** {@code prefix} followed by {@code rest}. */
  public static byte[] concat(byte[] prefix, byte[] rest) {
    byte[] joined = java.util.Arrays.copyOf(prefix, prefix.length + rest.length);
    System.arraycopy(rest, 0, joined, prefix.length, rest.length);
    return joined;
  }

  /** The sequence a journal-by-time key points at (its last 8 bytes after the wallet prefix and the time). */
  public static long sequenceOfJournalTimeKey(byte[] key, int walletPrefixLength) {
    return longAt(key, walletPrefixLength + 8);
  }

  /** The sequence an 8-byte statement position holds. */
  public static long sequenceAt(byte[] position) {
    return longAt(position, 0);
  }

  /** An 8-byte position: a statement's sequence. */
  public static byte[] longPosition(long value) {
    return ByteBuffer.allocate(8).putLong(value).array();
  }

  /** The smallest key above every key that starts with {@code prefix}. */
  public static Bytes end(byte[] prefix) {
    byte[] end = java.util.Arrays.copyOf(prefix, prefix.length + 1);
    end[prefix.length] = (byte) 0xFF;
    return Bytes.wrap(end);
  }

  /** The 8-byte number at {@code at} in a key. */
  public static long longAt(byte[] key, int at) {
    return ByteBuffer.wrap(key, at, 8).getLong();
  }

  /** The order id at the end of an index key. */
  /**
   * The orders-store key of the order an index key points at, straight from the bytes ({@link #order} without
   * decoding the id and encoding it again): {@code partnerPrefix} then the index key's bytes after its position's time.
   */
  public static Bytes orderOfIndexKey(byte[] partnerPrefix, byte[] indexKey, int indexPrefixLength) {
    int idStart = indexPrefixLength + 8;
    byte[] key = java.util.Arrays.copyOf(partnerPrefix, partnerPrefix.length + indexKey.length - idStart);
    System.arraycopy(indexKey, idStart, key, partnerPrefix.length, indexKey.length - idStart);
    return Bytes.wrap(key);
  }
}
