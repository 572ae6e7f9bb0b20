package io.orderledger.connect;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/** Avro generic values as Connect values and back, along the mapping of {@link ConnectSchemas}. */
final class ConnectValues {

  private ConnectValues() {
  }

  static Object toConnect(org.apache.avro.Schema avro, Schema connect, Object value) {
    if (value == null) {
      return null;
    }
    return switch (avro.getType()) {
      case RECORD -> {
        GenericRecord record = (GenericRecord) value;
        Struct struct = new Struct(connect);
        for (org.apache.avro.Schema.Field field : avro.getFields()) {
          struct.put(field.name(), toConnect(field.schema(), connect.field(field.name()).schema(), record.get(field.pos())));
        }
        yield struct;
      }
      case UNION -> toConnect(ConnectSchemas.optionalBranch(avro), connect, value);
      case ENUM, STRING -> value.toString();
      case ARRAY -> {
        List<Object> items = new ArrayList<>();
        for (Object item : (Iterable<?>) value) {
          items.add(toConnect(avro.getElementType(), connect.valueSchema(), item));
        }
        yield items;
      }
      case MAP -> {
        Map<String, Object> map = new LinkedHashMap<>();
        ((Map<?, ?>) value).forEach((k, v) -> map.put(k.toString(), toConnect(avro.getValueType(), connect.valueSchema(), v)));
        yield map;
      }
      case BYTES -> {
        ByteBuffer buffer = ((ByteBuffer) value).duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        yield bytes;
      }
      case INT, LONG, FLOAT, DOUBLE, BOOLEAN -> value;
      case NULL, FIXED -> throw new DataException("no Connect value for Avro " + avro.getType());
    };
  }

  static Object toAvro(org.apache.avro.Schema avro, Object value) {
    if (value == null) {
      if (avro.getType() == org.apache.avro.Schema.Type.UNION || avro.getType() == org.apache.avro.Schema.Type.NULL) {
        return null;
      }
      throw new DataException("a null for the required Avro " + avro.getType() + " " + avro.getName());
    }
    return switch (avro.getType()) {
      case RECORD -> {
        if (!(value instanceof Struct struct)) {
          throw new DataException("expected a Struct for " + avro.getFullName() + ", got " + value.getClass().getSimpleName());
        }
        GenericData.Record record = new GenericData.Record(avro);
        for (org.apache.avro.Schema.Field field : avro.getFields()) {
          Object fieldValue = struct.schema().field(field.name()) == null ? null : struct.get(field.name());
          if (fieldValue == null && field.hasDefaultValue()) {
            record.put(field.pos(), GenericData.get().getDefaultValue(field));
          } else {
            record.put(field.pos(), toAvro(field.schema(), fieldValue));
          }
        }
        yield record;
      }
      case UNION -> toAvro(ConnectSchemas.optionalBranch(avro), value);
      case ENUM -> new GenericData.EnumSymbol(avro, value.toString());
      case STRING -> value.toString();
      case ARRAY -> {
        List<Object> items = new ArrayList<>();
        for (Object item : (List<?>) value) {
          items.add(toAvro(avro.getElementType(), item));
        }
        yield new GenericData.Array<>(avro, items);
      }
      case MAP -> {
        Map<String, Object> map = new LinkedHashMap<>();
        ((Map<?, ?>) value).forEach((k, v) -> map.put(k.toString(), toAvro(avro.getValueType(), v)));
        yield map;
      }
      case BYTES -> ByteBuffer.wrap((byte[]) value);
      case INT, LONG, FLOAT, DOUBLE, BOOLEAN -> value;
      case NULL, FIXED -> throw new DataException("no Avro value for " + avro.getType());
    };
  }
}
