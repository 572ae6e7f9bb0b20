package io.orderledger.poller.capture;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The canonical text of a source record, so that the same record always has the same bytes and the same SHA-256:
 * object members sorted by name (UTF-16 code units, as RFC 8785 sorts them), no insignificant whitespace, strings
 * escaped as RFC 8785 (JCS) escapes them. Numbers differ from JCS on purpose: they keep the digits the source wrote
 * ({@code 246.10}, {@code 1775046434454.9124}), read exactly ({@code UpstreamJson}), because an auditor must see the
 * source's own figures, and JCS would round them through a binary double.
 */
public final class CanonicalJson {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private CanonicalJson() {
  }

  public static String of(JsonNode node) {
    StringBuilder out = new StringBuilder(512);
    write(node, out);
    return out.toString();
  }

  private static void write(JsonNode node, StringBuilder out) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      out.append("null");
    } else if (node.isObject()) {
      List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
      members.sort(Map.Entry.comparingByKey());
      out.append('{');
      for (int i = 0; i < members.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        string(members.get(i).getKey(), out);
        out.append(':');
        write(members.get(i).getValue(), out);
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(node.get(i), out);
      }
      out.append(']');
    } else if (node.isString()) {
      string(node.asString(), out);
    } else if (node.isBoolean()) {
      out.append(node.booleanValue());
    } else if (node.isIntegralNumber()) {
      out.append(node.bigIntegerValue());
    } else if (node.isNumber()) {
      BigDecimal value = node.decimalValue();
      out.append(value.toPlainString());
    } else {
      // Binary or POJO nodes never come out of a JSON parser; render them as text rather than lose them.
      string(node.asString(), out);
    }
  }

  /** RFC 8785 section 3.2.2.2: the short escapes, \\u00xx for other controls, everything else as it is. */
  private static void string(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
