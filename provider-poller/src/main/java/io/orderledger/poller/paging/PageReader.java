package io.orderledger.poller.paging;

import io.orderledger.poller.source.Rfc3339;
import io.orderledger.poller.source.UpstreamJson;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a listed page with Jackson's streaming parser. The orders' array is not built into trees: each entry is
 * streamed past once, which yields its byte range (for its digest, and its tree if it turns out to be new or changed)
 * and its id and creation time. Everything else on the page is small and is read as a tree. A page that is not
 * valid JSON throws, as a tree parse would, before any of its entries is used.
 */
public final class PageReader {

  /** Reads one value at the parser's current token and leaves the parser on its last token. */
  private static final ObjectReader VALUE = UpstreamJson.MAPPER.readerFor(JsonNode.class)
      .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private PageReader() {
  }

  /**
   * @param path the members that lead to the orders' array ({@code data}, {@code orders}); empty when the page is the
   *     array
   */
  public static ListedPage read(byte[] body, List<String> path, EntryKeys keys) {
    try (JsonParser parser = VALUE.createParser(body)) {
      if (parser.nextToken() == null) {
        return new ListedPage(UpstreamJson.MAPPER.missingNode(), null); // an empty body, as a tree parse reads it
      }
      Found found = new Found();
      JsonNode rest = value(parser, body, path, 0, keys, found);
      if (parser.nextToken() != null) {
        throw new StreamReadException(parser, "Trailing token (" + parser.currentToken() + ") found after the page");
      }
      return new ListedPage(rest, found.entries);
    }
  }

  /** One entry alone, from its bytes. */
  static ListEntry entry(byte[] json, EntryKeys keys) {
    try (JsonParser parser = VALUE.createParser(json)) {
      parser.nextToken();
      return entry(parser, json, keys);
    }
  }

  private static final class Found {
    List<ListEntry> entries;
  }

  private static JsonNode value(JsonParser parser, byte[] body, List<String> path, int depth, EntryKeys keys, Found found) {
    JsonToken token = parser.currentToken();
    if (depth == path.size()) {
      if (token == JsonToken.START_ARRAY) {
        found.entries = entries(parser, body, keys);
        return null;
      }
      found.entries = null; // the API promised an array here: the paging rejects the page
      return VALUE.readValue(parser);
    }
    if (token != JsonToken.START_OBJECT) {
      return VALUE.readValue(parser);
    }
    ObjectNode node = UpstreamJson.MAPPER.createObjectNode();
    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      if (name.equals(path.get(depth))) {
        JsonNode inner = value(parser, body, path, depth + 1, keys, found);
        if (inner == null) {
          node.remove(name);
        } else {
          node.set(name, inner);
        }
      } else {
        node.set(name, VALUE.readValue(parser));
      }
    }
    return node;
  }

  private static List<ListEntry> entries(JsonParser parser, byte[] body, EntryKeys keys) {
    List<ListEntry> entries = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      entries.add(entry(parser, body, keys));
    }
    return entries;
  }

  /** The entry at the parser's current token; the parser is left on its last token. */
  private static ListEntry entry(JsonParser parser, byte[] body, EntryKeys keys) {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      // Not an order at all: rare, kept as a tree so that the mapper can reject it with what it was.
      JsonNode tree = VALUE.readValue(parser);
      byte[] bytes = UpstreamJson.MAPPER.writeValueAsBytes(tree);
      return new ListEntry(bytes, 0, bytes.length, null, null, false, tree);
    }
    int start = Math.toIntExact(parser.currentTokenLocation().getByteOffset());
    String id = null;
    Long createdAt = null;
    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      boolean isId = name.equals(keys.idField());
      boolean isCreatedAt = name.equals(keys.createdAtField());
      if (value.isStructStart()) {
        parser.skipChildren();
        id = isId ? null : id; // a repeated member counts as its last value, as in a tree
        createdAt = isCreatedAt ? null : createdAt;
      } else if (isId) {
        id = value == JsonToken.VALUE_NULL ? null : parser.getString();
      } else if (isCreatedAt) {
        createdAt = time(parser, value, keys.createdAtFormat());
      }
    }
    int end = Math.toIntExact(parser.currentTokenLocation().getByteOffset()) + 1;
    return new ListEntry(body, start, end - start, id, createdAt, true, null);
  }

  private static Long time(JsonParser parser, JsonToken value, EntryKeys.TimeFormat format) {
    return switch (format) {
      case EPOCH_MILLIS -> value == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER
          ? parser.getLongValue() : null;
      case RFC3339 -> {
        if (value != JsonToken.VALUE_STRING) {
          yield null;
        }
        try {
          yield Rfc3339.toEpochMilli(parser.getString());
        } catch (DateTimeException e) {
          yield null;
        }
      }
    };
  }
}
