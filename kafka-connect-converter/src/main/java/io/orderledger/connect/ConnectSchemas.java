package io.orderledger.connect;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.errors.DataException;

/**
 * Avro schemas as Connect schemas: a record is a struct named by its Avro full name, an enum a string (its Avro name in
 * the {@value #ENUM_PARAMETER} parameter, so that the way back knows it), {@code ["null", X]} an optional X. The ledger's
 * schemas use no other union, no fixed and no logical type; one that did would be refused with a {@link DataException}
 * rather than guessed at.
 */
final class ConnectSchemas {

  static final String ENUM_PARAMETER = "io.orderledger.avro.enum";

  private final Map<org.apache.avro.Schema, Schema> cache = new ConcurrentHashMap<>();

  Schema of(org.apache.avro.Schema avro) {
    return cache.computeIfAbsent(avro, schema -> convert(schema, false));
  }

  private Schema convert(org.apache.avro.Schema avro, boolean optional) {
    if (avro.getType() == org.apache.avro.Schema.Type.UNION) {
      return convert(optionalBranch(avro), true);
    }
    SchemaBuilder builder = switch (avro.getType()) {
      case RECORD -> {
        SchemaBuilder struct = SchemaBuilder.struct().name(avro.getFullName());
        for (org.apache.avro.Schema.Field field : avro.getFields()) {
          struct.field(field.name(), convert(field.schema(), false));
        }
        yield struct;
      }
      case UNION, NULL, FIXED -> throw new DataException("no Connect schema for Avro " + avro.getType() + " in " + avro);
      case ENUM -> SchemaBuilder.string().parameter(ENUM_PARAMETER, avro.getFullName());
      case ARRAY -> SchemaBuilder.array(convert(avro.getElementType(), false));
      case MAP -> SchemaBuilder.map(Schema.STRING_SCHEMA, convert(avro.getValueType(), false));
      case STRING -> SchemaBuilder.string();
      case BYTES -> SchemaBuilder.bytes();
      case INT -> SchemaBuilder.int32();
      case LONG -> SchemaBuilder.int64();
      case FLOAT -> SchemaBuilder.float32();
      case DOUBLE -> SchemaBuilder.float64();
      case BOOLEAN -> SchemaBuilder.bool();
    };
    if (optional) {
      builder.optional();
    }
    if (avro.getDoc() != null && avro.getType() == org.apache.avro.Schema.Type.RECORD) {
      builder.doc(avro.getDoc());
    }
    return builder.build();
  }

  /** X of {@code ["null", X]} or {@code [X, "null"]}; any other union is refused. */
  static org.apache.avro.Schema optionalBranch(org.apache.avro.Schema union) {
    var types = union.getTypes();
    if (types.size() == 2 && types.get(0).getType() == org.apache.avro.Schema.Type.NULL) {
      return types.get(1);
    }
    if (types.size() == 2 && types.get(1).getType() == org.apache.avro.Schema.Type.NULL) {
      return types.get(0);
    }
    throw new DataException("only [null, X] unions have a Connect schema, not " + union);
  }
}
