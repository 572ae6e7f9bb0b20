package io.orderledger.audit.rules;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * The journal's hash chain, computed the way the README tells an outsider to: from the published
 * {@code v4/WalletEntry.avsc} with Avro's own generic writer, not with the ledger's code.
 *
 * <pre>
 *   hash = lower-case hex of SHA-256( the 32 bytes previousHash spells in hex || Avro binary of the entry with hash = null )
 * </pre>
 */
public final class ChainHash {

  /** previousHash of a wallet's first entry. */
  public static final String GENESIS = "0".repeat(64);

  private static final Schema ENTRY = publishedV4Entry();
  private static final GenericDatumWriter<GenericRecord> WRITER = new GenericDatumWriter<>(ENTRY);
  private static final HexFormat HEX = HexFormat.of();
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  });

  private ChainHash() {
  }

  /** The hash the movement must carry after {@code previousHash} (its own hash is not part of it). */
  public static String of(String previousHash, Expected.Movement m) {
    GenericRecord record = new GenericData.Record(ENTRY);
    record.put("entryId", m.entryId());
    record.put("partnerId", m.partnerId());
    record.put("orderId", m.orderId());
    record.put("eventId", m.eventId());
    record.put("kind", new GenericData.EnumSymbol(ENTRY.getField("kind").schema(), m.kind()));
    record.put("direction", new GenericData.EnumSymbol(ENTRY.getField("direction").schema(), m.direction()));
    record.put("amountMinor", m.amountMinor());
    record.put("currency", m.currency());
    record.put("balanceBeforeMinor", m.balanceBeforeMinor());
    record.put("balanceAfterMinor", m.balanceAfterMinor());
    record.put("sequence", m.sequence());
    record.put("recipientIndex", m.recipientIndex());
    record.put("occurredAt", m.occurredAt());
    record.put("bookedAt", m.bookedAt());
    record.put("previousHash", m.previousHash());
    record.put("hash", null);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try {
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(bytes, null);
      WRITER.write(record, encoder);
      encoder.flush();
      MessageDigest sha256 = SHA256.get();
      sha256.reset();
      sha256.update(HEX.parseHex(previousHash));
      sha256.update(bytes.toByteArray());
      return HEX.formatHex(sha256.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The published schema file, parsed with the enum it refers to. */
  private static Schema publishedV4Entry() {
    Schema.Parser parser = new Schema.Parser();
    parse(parser, "MovementKind.avsc");
    return parse(parser, "WalletEntry.avsc");
  }

  private static Schema parse(Schema.Parser parser, String file) {
    String path = "/io/orderledger/events/schemas/v4/" + file;
    try (InputStream in = ChainHash.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("the published schema " + path + " is not on the classpath");
      }
      return parser.parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
