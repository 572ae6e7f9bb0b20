package io.orderledger.poller.capture;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A 64-bit digest of a list entry as the source sent it, kept in the checkpoint: when an entry's digest has not
 * changed since the last scan, the order has not changed and is not read, fetched or mapped again. It walks the tree
 * in the source's own member order (cheap: no text is built); a source that reorders members only causes one more
 * look at the record, whose canonical hash then finds nothing new; so does a new version of this digest (a checkpoint
 * written by an older poller): each order in the window is looked at once more, and nothing is recorded twice.
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
    if (node.isInt() || node.isLong()) {
      return number(mix(hash, '#'), node.longValue(), 0);
    }
    if (node.isNumber() && !node.isIntegralNumber()) {
      // The digits as the source wrote them (UpstreamJson reads decimals exactly): 246.10 is not 246.1.
      java.math.BigDecimal decimal = node.decimalValue();
      if (decimal.unscaledValue().bitLength() < 64) {
        return number(mix(hash, '.'), decimal.unscaledValue().longValue(), decimal.scale());
      }
      return text(mix(hash, '.'), decimal.toPlainString());
    }
    if (node.isNumber()) {
      return text(mix(hash, '#'), node.bigIntegerValue().toString());
    }
    return mix(mix(hash, 'b'), node.asBoolean() ? 1 : 0);
  }

  /** A number as its value and scale, without rendering it as text (which cost a tenth of a scan). */
  private static long number(long hash, long unscaled, int scale) {
    for (int shift = 0; shift < 64; shift += 16) {
      hash = mix(hash, (int) (unscaled >>> shift));
    }
    return mix(hash, scale);
  }

  /** FNV-1a over UTF-16 code units, then a terminator no code unit equals. */
  private static long text(long hash, String s) {
    for (int i = 0; i < s.length(); i++) {
      hash = mix(hash, s.charAt(i));
    }
    return (hash ^ 0x1_0000L) * PRIME;
  }

  private static long mix(long hash, int unit) {
    return (hash ^ (unit & 0xFFFF)) * PRIME;
  }
}
