package io.orderledger.events.seal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Authenticates what the ledger writes: every record it publishes for the query service (views, journal entries,
 * decisions, discrepancies, checkpoints) carries a {@value #HEADER} header, the HMAC-SHA256 of the record's value bytes
 * under a secret the ledger and the query service share. Whoever can produce to those topics without the secret cannot
 * make the query service serve what they wrote: a forged entry, however well chained, moves no served balance.
 *
 * <p>The hash chain and the signed checkpoints let anyone check the journal after the fact; this keeps forgeries out of
 * what is served in the meantime. The secret is at least 32 random bytes, given as Base64.
 */
public final class LedgerMac {

  public static final String HEADER = "ledger-mac";
  private static final int MIN_KEY_BYTES = 32;

  /**
   * One initialised Mac per thread: looking up the provider and initialising the key for every record cost the ledger
   * and the query service more than the hash itself. A Mac resets after doFinal, and is not thread-safe.
   */
  private final ThreadLocal<Mac> macs;

  private LedgerMac(byte[] key) {
    SecretKeySpec spec = new SecretKeySpec(key, "HmacSHA256");
    this.macs = ThreadLocal.withInitial(() -> {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(spec);
        return mac;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HMAC-SHA256 is part of every JVM", e);
      }
    });
  }

  /** @param base64 the shared secret, Base64 of at least 32 bytes */
  public static LedgerMac withKey(String base64) {
    if (base64 == null || base64.isBlank()) {
      throw new IllegalArgumentException("the ledger's MAC key is not set: give Base64 of 32 random bytes or more (openssl rand -base64 32)");
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the ledger's MAC key is not Base64", e);
    }
    if (key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException("the ledger's MAC key has " + key.length + " bytes; it needs " + MIN_KEY_BYTES + " or more");
    }
    return new LedgerMac(key);
  }

  /** The header value for a record value: lower-case hex of its HMAC-SHA256. */
  public byte[] of(byte[] value) {
    byte[] hash = macs.get().doFinal(value == null ? new byte[0] : value);
    return java.util.HexFormat.of().formatHex(hash).getBytes(StandardCharsets.US_ASCII);
  }

  /** Replaces any {@value #HEADER} the headers carry with the one for {@code value}. */
  public void seal(Headers headers, byte[] value) {
    headers.remove(HEADER);
    headers.add(HEADER, of(value));
  }

  /** True when the headers' last {@value #HEADER} is the one for {@code value}; compared in constant time. */
  public boolean verifies(Headers headers, byte[] value) {
    Header header = headers == null ? null : headers.lastHeader(HEADER);
    return header != null && header.value() != null && MessageDigest.isEqual(header.value(), of(value));
  }
}
