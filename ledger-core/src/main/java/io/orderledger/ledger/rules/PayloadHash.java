package io.orderledger.ledger.rules;

import io.orderledger.events.OrderEvent;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;

/**
 * A 64-bit hash of what an event says, without when it was observed (observedAt): a re-delivery of the same
 * observation hashes the same. It walks the decoded values along the reader's schema, so it is the same whichever
 * schema version wrote the bytes and in every JVM (strings by their characters, enums by symbol, never identity
 * hashes), and it costs no encoding.
 */
public final class PayloadHash {

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;
  private static final int OBSERVED_AT = OrderEvent.getClassSchema().getField("observedAt").pos();

  private PayloadHash() {
  }

  public static long of(OrderEvent event) {
    long hash = FNV_OFFSET;
    List<Schema.Field> fields = OrderEvent.getClassSchema().getFields();
    for (int i = 0; i < fields.size(); i++) {
      if (i != OBSERVED_AT) {
        hash = value(hash, fields.get(i).schema(), event.get(i));
      }
    }
    return hash;
  }

  private static long value(long hash, Schema schema, Object value) {
    if (value == null) {
      return mix(hash, 0x00);
    }
    switch (schema.getType()) {
      case UNION -> {
        List<Schema> branches = schema.getTypes();
        // Every union in the contract is [null, T]; anything else is resolved by looking at the value.
        int branch = branches.size() == 2 && branches.get(0).getType() == Schema.Type.NULL ? 1 : schema.getIndexNamed(branchName(value, schema));
        return value(mix(hash, branch + 1), schema.getTypes().get(branch), value);
      }
      case RECORD -> {
        IndexedRecord record = (IndexedRecord) value;
        for (Schema.Field field : schema.getFields()) {
          hash = value(hash, field.schema(), record.get(field.pos()));
        }
        return hash;
      }
      case ARRAY -> {
        List<?> list = (List<?>) value;
        hash = number(hash, list.size());
        for (Object element : list) {
          hash = value(hash, schema.getElementType(), element);
        }
        return hash;
      }
      case MAP -> {
        // Maps are unordered: combine per-entry hashes with a commutative sum.
        long sum = 0;
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
          sum += value(text(FNV_OFFSET, entry.getKey().toString()), schema.getValueType(), entry.getValue());
        }
        return number(hash, sum);
      }
      case STRING -> {
        return text(hash, value.toString());
      }
      case ENUM -> {
        return text(hash, value instanceof Enum<?> e ? e.name() : ((GenericEnumSymbol<?>) value).toString());
      }
      case LONG, INT -> {
        return number(hash, ((Number) value).longValue());
      }
      case BOOLEAN -> {
        return mix(hash, (Boolean) value ? 1 : 2);
      }
      case DOUBLE -> {
        return number(hash, Double.doubleToLongBits((Double) value));
      }
      case FLOAT -> {
        return number(hash, Float.floatToIntBits((Float) value));
      }
      case BYTES -> {
        ByteBuffer bytes = ((ByteBuffer) value).duplicate();
        hash = number(hash, bytes.remaining());
        while (bytes.hasRemaining()) {
          hash = mix(hash, bytes.get());
        }
        return hash;
      }
      case FIXED -> {
        for (byte b : ((org.apache.avro.generic.GenericFixed) value).bytes()) {
          hash = mix(hash, b);
        }
        return hash;
      }
      case NULL -> {
        return mix(hash, 0x00);
      }
      default -> throw new IllegalStateException("unhashable Avro type " + schema.getType());
    }
  }

  private static String branchName(Object value, Schema union) {
    for (Schema branch : union.getTypes()) {
      if (branch.getType() != Schema.Type.NULL && matches(branch, value)) {
        return branch.getFullName();
      }
    }
    throw new IllegalStateException("value " + value.getClass() + " fits no branch of " + union);
  }

  private static boolean matches(Schema branch, Object value) {
    return switch (branch.getType()) {
      case STRING -> value instanceof CharSequence;
      case LONG -> value instanceof Long;
      case INT -> value instanceof Integer;
      case BOOLEAN -> value instanceof Boolean;
      case DOUBLE -> value instanceof Double;
      case FLOAT -> value instanceof Float;
      case BYTES -> value instanceof ByteBuffer;
      case ARRAY -> value instanceof List<?>;
      case MAP -> value instanceof Map<?, ?>;
      case RECORD -> value instanceof IndexedRecord r && r.getSchema().getFullName().equals(branch.getFullName());
      case ENUM -> (value instanceof Enum<?> || value instanceof GenericEnumSymbol<?>);
      default -> false;
    };
  }

  private static long text(long hash, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      hash = mix(mix(hash, c), c >>> 8);
    }
    return mix(hash, 0xFF);
  }

  private static long number(long hash, long value) {
    for (int i = 0; i < 8; i++) {
      hash = mix(hash, (int) (value >>> (8 * i)));
    }
    return hash;
  }

  private static long mix(long hash, int b) {
    return (hash ^ (b & 0xFF)) * FNV_PRIME;
  }
}
