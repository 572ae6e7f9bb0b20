package io.orderledger.events.journal;

import io.orderledger.events.WalletEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * The wallet journal's hash chain. Each wallet (partner and currency) chains its entries in sequence order:
 *
 * <pre>
 *   hash(n) = SHA-256( bytes(previousHash(n)) || canonical(entry n) )      previousHash(1) = 64 zeros
 *   previousHash(n) = hash(n - 1)
 * </pre>
 *
 * where {@code bytes(h)} are the 32 bytes the lower-case hex text {@code h} spells, and {@code canonical(entry)} is
 * the Avro binary encoding of the entry with the <b>v4</b> {@code WalletEntry} schema
 * ({@code schemas/v4/WalletEntry.avsc}) and its {@code hash} field set to null: every other field, previousHash
 * included, as stored. Anyone with the published {@code .avsc} and an Avro library recomputes it (README, "The
 * event format"; the Python test does). The form is pinned to v4: a later schema version that adds fields to
 * WalletEntry keeps this form for the fields v4 has, or starts a new, named form.
 *
 * <p>The encoding is written here field by field, in the v4 schema's order, rather than through a datum writer, so
 * that it cannot drift with the generated class; a test holds it equal to Avro's own writer over the v4 schema.
 */
public final class JournalChain {

  /** previousHash of a wallet's first entry. */
  public static final String GENESIS = "0".repeat(64);

  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(JournalChain::sha256);
  private static final ThreadLocal<Buffer> BUFFER = ThreadLocal.withInitial(Buffer::new);
  private static final HexFormat HEX = HexFormat.of();

  private JournalChain() {
  }

  /** The hash an entry must carry, given the previous entry's hash (or {@link #GENESIS}). The entry's own hash is ignored. */
  public static String hash(String previousHash, WalletEntry entry) {
    MessageDigest digest = SHA256.get();
    digest.reset();
    digest.update(HEX.parseHex(previousHash));
    Buffer buffer = canonical(entry);
    digest.update(buffer.bytes(), 0, buffer.size());
    return HEX.formatHex(digest.digest());
  }

  /** The entry's canonical bytes (a copy): what {@link #hash} digests after the previous hash. */
  public static byte[] canonicalBytes(WalletEntry entry) {
    return canonical(entry).toByteArray();
  }

  private static Buffer canonical(WalletEntry entry) {
    Buffer out = BUFFER.get();
    out.reset();
    try {
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, out.encoder);
      out.encoder = encoder;
      // The v4 WalletEntry fields, in order.
      encoder.writeString(entry.getEntryId());
      encoder.writeString(entry.getPartnerId());
      encoder.writeString(entry.getOrderId());
      encoder.writeString(entry.getEventId());
      encoder.writeEnum(MovementKinds.v4Index(entry.getKind()));
      encoder.writeEnum(entry.getDirection().ordinal());
      encoder.writeLong(entry.getAmountMinor());
      encoder.writeString(entry.getCurrency());
      encoder.writeLong(entry.getBalanceBeforeMinor());
      encoder.writeLong(entry.getBalanceAfterMinor());
      encoder.writeLong(entry.getSequence());
      nullableInt(encoder, entry.getRecipientIndex());
      encoder.writeLong(entry.getOccurredAt());
      encoder.writeLong(entry.getBookedAt());
      nullableString(encoder, entry.getPreviousHash());
      encoder.writeIndex(0); // hash: null
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode a journal entry", e);
    }
    return out;
  }

  private static void nullableInt(BinaryEncoder encoder, Integer value) throws IOException {
    if (value == null) {
      encoder.writeIndex(0);
    } else {
      encoder.writeIndex(1);
      encoder.writeInt(value);
    }
  }

  private static void nullableString(BinaryEncoder encoder, String value) throws IOException {
    if (value == null) {
      encoder.writeIndex(0);
    } else {
      encoder.writeIndex(1);
      encoder.writeString(value);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  /** A reusable buffer per thread: hashing allocates nothing but the result. */
  private static final class Buffer extends ByteArrayOutputStream {
    private BinaryEncoder encoder;

    Buffer() {
      super(256);
    }

    byte[] bytes() {
      return buf;
    }
  }
}
