package io.orderledger.query.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The API keys this service accepts, held only as SHA-256 hashes. A presented key is hashed and compared with every
 * configured hash in constant time (no early exit), so neither the answer's content nor its timing says how close a
 * guess came.
 */
public final class ApiKeyRegistry {

  /** One configured key. */
  public record Entry(byte[] sha256, ApiClient client) {
  }

  private final List<Entry> entries;

  public ApiKeyRegistry(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  public Optional<ApiClient> resolve(String presentedKey) {
    if (presentedKey == null || presentedKey.isEmpty() || presentedKey.length() > 256) {
      return Optional.empty();
    }
    byte[] hash = sha256(presentedKey);
    ApiClient match = null;
    for (Entry entry : entries) {
      if (MessageDigest.isEqual(hash, entry.sha256()) && match == null) {
        match = entry.client();
      }
    }
    return Optional.ofNullable(match);
  }

  public static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  public static String sha256Hex(String key) {
    return HexFormat.of().formatHex(sha256(key));
  }
}
