package io.orderledger.query.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The API keys this service accepts, held only as salted SHA-256 hashes: {@code SHA-256(salt + ":" + key)} (UTF-8)
 * with a random salt per key, so that equal keys do not hash alike and no precomputed table applies. A presented key is hashed with
 * every configured key's salt and compared with its hash in constant time (no early exit), so neither the answer nor
 * its timing says how close a guess came. A hash alone does not protect a guessable key: keys are 32 random bytes
 * (README, "API keys").
 */
public final class ApiKeyRegistry {

  /** One configured key: its salt (null for a key configured before salts, which is warned about) and hash. */
  public record Entry(String salt, byte[] sha256, ApiClient client) {

    public Entry(byte[] sha256, ApiClient client) {
      this(null, sha256, client);
    }
  }

  private final List<Entry> entries;

  public ApiKeyRegistry(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  public Optional<ApiClient> resolve(String presentedKey) {
    if (presentedKey == null || presentedKey.isEmpty() || presentedKey.length() > 256) {
      return Optional.empty();
    }
    ApiClient match = null;
    for (Entry entry : entries) {
      if (MessageDigest.isEqual(hash(entry.salt(), presentedKey), entry.sha256()) && match == null) {
        match = entry.client();
      }
    }
    return Optional.ofNullable(match);
  }

  /** The hash a key is configured by: of {@code salt:key}, or of the key alone for an unsalted entry. */
  static byte[] hash(String salt, String key) {
    return sha256(salt == null ? key : salt + ":" + key);
  }

  public static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** Hex SHA-256 of the key alone: a key configured without a salt. */
  public static String sha256Hex(String key) {
    return HexFormat.of().formatHex(sha256(key));
  }

  /** What {@code key-sha256} holds for a key with {@code key-salt}: hex SHA-256 of {@code salt:key}, as {@code printf '%s:%s' | sha256sum} gives it. */
  public static String saltedSha256Hex(String salt, String key) {
    return HexFormat.of().formatHex(hash(salt, key));
  }
}
