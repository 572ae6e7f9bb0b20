package io.orderledger.poller.source;

import java.util.List;
import java.util.Objects;

/**
 * Source fields that must not reach Kafka as they are (personal data: customer emails, phone numbers). A path names a
 * field of the source's record by its JSON names, dot-separated, with {@code []} for every element of an array:
 * {@code email}, {@code mobile.mobile_number}, {@code customer.email}, {@code line_items[].product.name}.
 *
 * @param drop paths removed from the record before anything else reads it
 * @param hash paths whose value is replaced by {@code hmac-sha256:<hex>} of its text under {@code hashKey}: the same
 *     value hashes the same (records can still be matched), but it cannot be read back or guessed without the key
 * @param hashKey the HMAC key; required when {@code hash} is not empty
 */
public record RedactionRules(List<String> drop, List<String> hash, byte[] hashKey) {

  public static final RedactionRules NONE = new RedactionRules(List.of(), List.of(), null);

  public RedactionRules {
    drop = List.copyOf(drop);
    hash = List.copyOf(hash);
    for (String path : drop) {
      requirePath(path);
    }
    for (String path : hash) {
      requirePath(path);
    }
    if (!hash.isEmpty() && (hashKey == null || hashKey.length < 16)) {
      throw new IllegalArgumentException("hashing source fields " + hash + " needs a key of at least 16 bytes (poller.redaction-key)");
    }
  }

  public boolean isEmpty() {
    return drop.isEmpty() && hash.isEmpty();
  }

  private static void requirePath(String path) {
    Objects.requireNonNull(path, "redaction path");
    if (!path.matches("[A-Za-z0-9_$-]+(\\[\\])?(\\.[A-Za-z0-9_$-]+(\\[\\])?)*")) {
      throw new IllegalArgumentException("not a field path: '" + path + "' (use names, dots and [] for arrays: customer.email)");
    }
  }
}
