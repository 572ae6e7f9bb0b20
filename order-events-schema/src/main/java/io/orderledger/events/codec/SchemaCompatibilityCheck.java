package io.orderledger.events.codec;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * FULL_TRANSITIVE compatibility across every version of a catalog: for each named type, every version can read
 * data written by every other version, in both directions. A type may be added in a new version but never removed.
 * This is the check a schema registry would run on registration; here the build runs it.
 */
public final class SchemaCompatibilityCheck {

  /** One broken promise: {@code reader} cannot read what {@code writer} wrote. */
  public record Violation(String type, String readerVersion, String writerVersion, String explanation) {
    @Override
    public String toString() {
      return type + ": " + readerVersion + " cannot read " + writerVersion + " (" + explanation + ")";
    }
  }

  private SchemaCompatibilityCheck() {
  }

  public static List<Violation> check(SchemaCatalog catalog) {
    List<Violation> violations = new ArrayList<>();
    List<SchemaVersion> versions = catalog.versions();
    for (int newer = 1; newer < versions.size(); newer++) {
      SchemaVersion next = versions.get(newer);
      for (String type : versions.get(newer - 1).typesByFullName().keySet()) {
        if (next.type(type).isEmpty()) {
          violations.add(new Violation(type, next.label(), versions.get(newer - 1).label(), "type removed"));
        }
      }
    }
    for (int i = 0; i < versions.size(); i++) {
      for (int j = i + 1; j < versions.size(); j++) {
        SchemaVersion older = versions.get(i);
        SchemaVersion newer = versions.get(j);
        for (var entry : newer.typesByFullName().entrySet()) {
          Schema newSchema = entry.getValue();
          older.type(entry.getKey()).ifPresent(oldSchema -> {
            addIfIncompatible(violations, entry.getKey(), newer, newSchema, older, oldSchema);
            addIfIncompatible(violations, entry.getKey(), older, oldSchema, newer, newSchema);
          });
        }
      }
    }
    return violations;
  }

  private static void addIfIncompatible(List<Violation> violations, String type,
                                        SchemaVersion readerVersion, Schema reader,
                                        SchemaVersion writerVersion, Schema writer) {
    SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
    if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
      violations.add(new Violation(type, readerVersion.label(), writerVersion.label(),
          result.getResult().getIncompatibilities().toString()));
    }
  }
}
