package io.orderledger.poller.capture;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A 64-bit digest of a list entry as the source sent it, kept in the checkpoint: when an entry's digest has not
 * changed since the last scan, the order has not changed and is not read, fetched or mapped again. It walks the tree
 * in the source's own member order (cheap: no text is built); a source that reorders members only causes one more
 * look at the record, whose canonical hash then finds nothing new.
 */
public final class JsonDigest {

  private static final long OFFSET = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;

  private JsonDigest() {
  }

  public static long of(JsonNode node) {
    return walk(OFFSET, node);
  }

  private static long walk(long hash, JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return mix(hash, 'n');
    }
    if (node.isObject()) {
      hash = mix(hash, '{');
      for (Map.Entry<String, JsonNode> member : node.properties()) {
        hash = walk(text(hash, member.getKey()), member.getValue());
      }
      return mix(hash, '}');
    }
    if (node.isArray()) {
      hash = mix(hash, '[');
      for (JsonNode element : node) {
        hash = walk(hash, element);
      }
      return mix(hash, ']');
    }
    if (node.isString()) {
      return text(mix(hash, 's'), node.asString());
    }
    if (node.isNumber()) {
      return text(mix(hash, '#'), node.isIntegralNumber() ? node.bigIntegerValue().toString() : node.decimalValue().toPlainString());
    }
    return text(mix(hash, 'b'), String.valueOf(node.asBoolean()));
  }

  private static long text(long hash, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      hash = mix(mix(hash, c & 0xFF), c >>> 8);
    }
    return mix(hash, 0xFF);
  }

  private static long mix(long hash, int b) {
    return (hash ^ (b & 0xFF)) * PRIME;
  }
}
