package io.orderledger.audit.tail;

import io.orderledger.events.codec.SchemaCatalog;
import io.orderledger.events.codec.SchemaVersion;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Any record of the project's topics as JSON, like a schema-registry-aware {@code kcat}: a value in single-object
 * encoding is decoded with whichever released schema wrote it (found by its fingerprint among every version the
 * schema module ships), with no generated class; JSON values (the poller's checkpoints) are embedded as they are;
 * anything else is base64. Money stays in minor units, as the events carry it.
 */
public final class RecordJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Map<Long, Schema> writers = new HashMap<>();

  public RecordJson(SchemaCatalog catalog) {
    for (SchemaVersion version : catalog.versions()) {
      for (Schema schema : version.typesByFullName().values()) {
        if (schema.getType() == Schema.Type.RECORD) {
          writers.putIfAbsent(SchemaNormalization.parsingFingerprint64(schema), schema);
        }
      }
    }
  }

  /** The value as JSON, and which schema wrote it (null when it is not single-object encoded). */
  public record Decoded(JsonNode json, String schema, String failure) {
  }

  public Decoded value(byte[] bytes) {
    if (bytes == null) {
      return new Decoded(NODES.nullNode(), null, null);
    }
    if (bytes.length >= 10 && (bytes[0] & 0xFF) == 0xC3 && bytes[1] == 0x01) {
      long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
      Schema writer = writers.get(fingerprint);
      if (writer == null) {
        return new Decoded(base64(bytes), null, "UNKNOWN_SCHEMA_FINGERPRINT " + Long.toHexString(fingerprint));
      }
      try {
        Object record = new GenericDatumReader<>(writer).read(null, DecoderFactory.get().binaryDecoder(bytes, 10, bytes.length - 10, null));
        return new Decoded(toJson(record, writer), writer.getFullName(), null);
      } catch (Exception e) {
        return new Decoded(base64(bytes), writer.getFullName(), "CORRUPT: " + e.getMessage());
      }
    }
    String text = text(bytes);
    if (text != null) {
      try {
        return new Decoded(JSON.readTree(text), null, null);
      } catch (RuntimeException notJson) {
        return new Decoded(NODES.textNode(text), null, null);
      }
    }
    return new Decoded(base64(bytes), null, null);
  }

  /** A key as text when it is UTF-8 (every key the project writes), base64 otherwise. */
  public static JsonNode key(byte[] bytes) {
    if (bytes == null) {
      return NODES.nullNode();
    }
    String text = text(bytes);
    return text != null ? NODES.textNode(text) : base64(bytes);
  }

  private static String text(byte[] bytes) {
    try {
      String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
      return text.chars().allMatch(c -> c >= 0x20 || c == '\n' || c == '\r' || c == '\t') ? text : null;
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static JsonNode base64(byte[] bytes) {
    ObjectNode node = NODES.objectNode();
    node.put("base64", Base64.getEncoder().encodeToString(bytes));
    return node;
  }

  static JsonNode toJson(Object value, Schema schema) {
    if (value == null) {
      return NODES.nullNode();
    }
    return switch (schema.getType()) {
      case RECORD -> {
        ObjectNode node = NODES.objectNode();
        GenericRecord record = (GenericRecord) value;
        for (Schema.Field field : schema.getFields()) {
          node.set(field.name(), toJson(record.get(field.pos()), field.schema()));
        }
        yield node;
      }
      case UNION -> toJson(value, schema.getTypes().get(GenericData.get().resolveUnion(schema, value)));
      case ARRAY -> {
        ArrayNode array = NODES.arrayNode();
        for (Object element : (List<?>) value) {
          array.add(toJson(element, schema.getElementType()));
        }
        yield array;
      }
      case MAP -> {
        ObjectNode node = NODES.objectNode();
        ((Map<?, ?>) value).forEach((k, v) -> node.set(k.toString(), toJson(v, schema.getValueType())));
        yield node;
      }
      case STRING, ENUM -> NODES.textNode(value.toString());
      case INT -> NODES.numberNode((Integer) value);
      case LONG -> NODES.numberNode((Long) value);
      case FLOAT -> NODES.numberNode((Float) value);
      case DOUBLE -> NODES.numberNode((Double) value);
      case BOOLEAN -> NODES.booleanNode((Boolean) value);
      case BYTES -> {
        ByteBuffer buffer = ((ByteBuffer) value).duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        yield NODES.textNode(Base64.getEncoder().encodeToString(bytes));
      }
      case FIXED -> NODES.textNode(Base64.getEncoder().encodeToString(((GenericFixed) value).bytes()));
      case NULL -> NODES.nullNode();
    };
  }
}
