package io.orderledger.query.store;

import io.orderledger.events.journal.JournalVerifier;
import io.orderledger.events.money.MinorUnits;
import io.orderledger.query.model.JsonRenderer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import tools.jackson.databind.JsonNode;

/**
 * One journal entry as the statement shows it: when it was booked, whether it continued its wallet's chain when it
 * arrived (null) or which problem it showed, what a wallet as of a time and a checkpoint check read of it (its balance
 * after, as a number; when it happened; its order; its hash), and its statement JSON, served as stored.
 *
 * <pre>  format(1)=2 bookedAt(8) problem(1: 0 for none, else the Problem's position + 1) balanceAfterMinor(8) occurredAt(8)
 *   orderId(2 + UTF-8) hash(1 + ASCII, 0 for none) json(...)</pre>
 *
 * Format 1 (bookedAt, problem, json) is still read, from a changelog written before format 2: its numbers are then
 * read from its JSON.
 */
public record StoredEntry(long bookedAt, JournalVerifier.Problem problem, long balanceAfterMinor, long occurredAt, String orderId,
                          String hash, byte[] json) {

  private static final byte FORMAT_1 = 1;
  private static final byte FORMAT_2 = 2;
  private static final int FORMAT_1_HEADER = 10;
  private static final JournalVerifier.Problem[] PROBLEMS = JournalVerifier.Problem.values();

  byte[] encode() {
    byte[] order = orderId.getBytes(StandardCharsets.UTF_8);
    byte[] chainHash = hash == null ? new byte[0] : hash.getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(1 + 8 + 1 + 8 + 8 + 2 + order.length + 1 + chainHash.length + json.length)
        .put(FORMAT_2).putLong(bookedAt).put((byte) (problem == null ? 0 : problem.ordinal() + 1))
        .putLong(balanceAfterMinor).putLong(occurredAt)
        .putShort((short) order.length).put(order)
        .put((byte) chainHash.length).put(chainHash)
        .put(json).array();
  }

  public static StoredEntry decode(byte[] stored) {
    ByteBuffer in = ByteBuffer.wrap(stored);
    byte format = in.get();
    long bookedAt = in.getLong();
    int problemCode = in.get();
    JournalVerifier.Problem problem = problemCode == 0 ? null : PROBLEMS[problemCode - 1];
    if (format == FORMAT_1) {
      byte[] json = Arrays.copyOfRange(stored, FORMAT_1_HEADER, stored.length);
      JsonNode line = JsonRenderer.mapper().readTree(json);
      JsonNode hash = line.get("hash");
      return new StoredEntry(bookedAt, problem, MinorUnits.fromDecimal(line.get("balanceAfter").decimalValue(), line.get("currency").asString()),
          line.get("occurredAt").asLong(), line.get("orderId").asString(), hash == null || hash.isNull() ? null : hash.asString(), json);
    }
    long balanceAfterMinor = in.getLong();
    long occurredAt = in.getLong();
    String orderId = text(in, in.getShort(), StandardCharsets.UTF_8);
    String hash = text(in, in.get(), StandardCharsets.US_ASCII);
    return new StoredEntry(bookedAt, problem, balanceAfterMinor, occurredAt, orderId, hash.isEmpty() ? null : hash,
        Arrays.copyOfRange(stored, in.position(), stored.length));
  }

  private static String text(ByteBuffer in, int length, java.nio.charset.Charset charset) {
    byte[] bytes = new byte[length];
    in.get(bytes);
    return new String(bytes, charset);
  }

  /** Where the JSON starts in the stored bytes: it runs from here to the end, and is served from there as it is. */
  public static int jsonOffset(byte[] stored) {
    if (stored[0] == FORMAT_1) {
      return FORMAT_1_HEADER;
    }
    ByteBuffer in = ByteBuffer.wrap(stored);
    in.position(1 + 8 + 1 + 8 + 8);
    int orderLength = in.getShort();
    in.position(in.position() + orderLength);
    int hashLength = in.get();
    return in.position() + hashLength;
  }

  /** Format 1, as changelogs written before format 2 hold it: for the test that it is still read. */
  static byte[] encodeFormat1(long bookedAt, JournalVerifier.Problem problem, byte[] json) {
    return ByteBuffer.allocate(FORMAT_1_HEADER + json.length).put(FORMAT_1).putLong(bookedAt)
        .put((byte) (problem == null ? 0 : problem.ordinal() + 1)).put(json).array();
  }
}
