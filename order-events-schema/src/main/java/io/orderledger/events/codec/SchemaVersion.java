package io.orderledger.events.codec;

import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * One released version of the event contract: every named type as that version defined it.
 *
 * @param number 1, 2, 3, ... in release order
 * @param typesByFullName each named schema of the version, by full name (for example {@code io.orderledger.events.OrderEvent})
 */
public record SchemaVersion(int number, Map<String, Schema> typesByFullName) {

  public SchemaVersion {
    typesByFullName = Map.copyOf(typesByFullName);
  }

  public String label() {
    return "v" + number;
  }

  public Optional<Schema> type(String fullName) {
    return Optional.ofNullable(typesByFullName.get(fullName));
  }
}
