package io.orderledger.poller.capture;

import io.orderledger.poller.source.RedactionRules;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import io.orderledger.poller.source.UpstreamJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Drops or hashes a source's personal-data fields ({@link RedactionRules}) in a copy of a record, before the record is
 * mapped, kept or rejected: what it removes never reaches Kafka, not even in the rejects topic.
 */
public final class Redactor {

  /** The record without the redacted fields, and which configured paths matched something in it. */
  public record Redacted(JsonNode record, List<String> paths) {
  }

  private final RedactionRules rules;
  private final ThreadLocal<Mac> macs;

  public Redactor(RedactionRules rules) {
    this.rules = rules;
    this.macs = rules.hash().isEmpty() ? null : ThreadLocal.withInitial(() -> {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(rules.hashKey(), "HmacSHA256"));
        return mac;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
      }
    });
  }

  public Redacted apply(JsonNode record) {
    if (rules.isEmpty()) {
      return new Redacted(record, List.of());
    }
    JsonNode copy = record.deepCopy();
    Set<String> matched = new LinkedHashSet<>();
    for (String path : rules.drop()) {
      if (visit(copy, segments(path), 0, false)) {
        matched.add(path);
      }
    }
    for (String path : rules.hash()) {
      if (visit(copy, segments(path), 0, true)) {
        matched.add(path);
      }
    }
    return new Redacted(copy, new ArrayList<>(matched));
  }

  /**
   * A body that is not a record the mapping could read (a malformed page, an unreadable single-order answer), made fit
   * for the rejects topic. When it is JSON, every configured path is dropped or hashed wherever it matches, at any
   * depth (a page holds its records under names the rules do not know). When it is not JSON, nothing can say where
   * personal data sits in it, so none of its letters or digits are kept: its shape is, with every letter turned into x
   * and every digit into 0 ({"xxxxx":[{"xx":"0000",...), which is what an operator needs to see (cut in the middle, an
   * HTML error page, a proxy's answer) and nothing a person could be found by.
   */
  public byte[] body(byte[] raw) {
    JsonNode parsed;
    try {
      parsed = UpstreamJson.MAPPER.readTree(raw);
    } catch (JacksonException | IllegalArgumentException notJson) {
      parsed = null;
    }
    if (parsed == null || parsed.isMissingNode()) {
      return unreadable(raw);
    }
    JsonNode copy = parsed.deepCopy();
    redactAnywhere(copy, rules.drop(), false);
    redactAnywhere(copy, rules.hash(), true);
    return CanonicalJson.of(copy).getBytes(StandardCharsets.UTF_8);
  }

  /** Characters of an unreadable body's shape kept, at most. */
  static final int SHAPE_LIMIT = 4_096;

  private static byte[] unreadable(byte[] raw) {
    String text = new String(raw, StandardCharsets.UTF_8);
    StringBuilder shape = new StringBuilder(Math.min(text.length(), SHAPE_LIMIT));
    text.codePoints().limit(SHAPE_LIMIT).forEach(c -> shape.appendCodePoint(Character.isLetter(c) ? 'x' : Character.isDigit(c) ? '0'
        : Character.isWhitespace(c) || (c < 128 && !Character.isISOControl(c)) ? c : '?'));
    ObjectNode description = UpstreamJson.MAPPER.createObjectNode();
    description.put("notJson", true);
    description.put("bytes", raw.length);
    description.put("shape", shape.toString());
    return CanonicalJson.of(description).getBytes(StandardCharsets.UTF_8);
  }

  private void redactAnywhere(JsonNode node, List<String> paths, boolean hash) {
    if (paths.isEmpty()) {
      return;
    }
    if (node instanceof ObjectNode object) {
      for (String path : paths) {
        visit(object, segments(path), 0, hash);
      }
      for (JsonNode child : object) {
        redactAnywhere(child, paths, hash);
      }
    } else if (node instanceof ArrayNode array) {
      for (JsonNode element : array) {
        redactAnywhere(element, paths, hash);
      }
    }
  }

  /** Hex HMAC-SHA256 of a value's text: what a hashed field holds, after "hmac-sha256:". */
  public String hash(String value) {
    return "hmac-sha256:" + HexFormat.of().formatHex(macs.get().doFinal(value.getBytes(StandardCharsets.UTF_8)));
  }

  private static String[] segments(String path) {
    return path.split("\\.");
  }

  /** Drops or hashes the field the path names under {@code node}; true when it found at least one. */
  private boolean visit(JsonNode node, String[] path, int at, boolean hash) {
    String segment = path[at];
    boolean each = segment.endsWith("[]");
    String name = each ? segment.substring(0, segment.length() - 2) : segment;
    if (!(node instanceof ObjectNode object) || !object.has(name)) {
      return false;
    }
    JsonNode child = object.get(name);
    boolean last = at == path.length - 1;
    if (each) {
      if (!(child instanceof ArrayNode array)) {
        return false;
      }
      boolean found = false;
      for (int i = 0; i < array.size(); i++) {
        if (last) {
          found |= redactElement(array, i, hash);
        } else {
          found |= visit(array.get(i), path, at + 1, hash);
        }
      }
      return found;
    }
    if (!last) {
      return visit(child, path, at + 1, hash);
    }
    if (hash) {
      if (child.isNull()) {
        return false;
      }
      object.put(name, hash(child.isValueNode() ? child.asString() : CanonicalJson.of(child)));
    } else {
      object.remove(name);
    }
    return true;
  }

  private boolean redactElement(ArrayNode array, int index, boolean hash) {
    JsonNode element = array.get(index);
    if (hash) {
      array.set(index, array.stringNode(hash(element.isValueNode() ? element.asString() : CanonicalJson.of(element))));
    } else {
      array.set(index, array.nullNode());
    }
    return true;
  }
}
