package io.orderledger.events.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderledger.events.OrderEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;

class SchemaCatalogTest {

  private static final Path SHIPPED = Path.of("src/main/resources", SchemaCatalog.SHIPPED_ROOT);
  private static final Path RELEASED_CHECKSUMS = Path.of("src/test/resources/released-schemas.sha256");

  @Test
  void loadsEveryShippedVersionInOrder() {
    List<SchemaVersion> versions = SchemaCatalog.shipped().versions();

    assertThat(versions).extracting(SchemaVersion::label).startsWith("v1", "v2", "v3", "v4");
    assertThat(SchemaCatalog.shipped().current().type(OrderEvent.getClassSchema().getFullName())).isPresent();
  }

  @Test
  void generatedClassesAreTheNewestVersion() {
    // Compared in Avro's canonical form: the generated schema carries Java-only properties (avro.java.string).
    assertThat(SchemaCatalog.shipped().current().type("io.orderledger.events.OrderEvent").map(SchemaNormalization::toParsingForm))
        .contains(SchemaNormalization.toParsingForm(OrderEvent.getClassSchema()));
  }

  @Test
  void everyVersionIndexNamesExactlyTheSchemaFilesInItsFolder() throws IOException {
    try (Stream<Path> folders = Files.list(SHIPPED)) {
      for (Path folder : folders.filter(Files::isDirectory).toList()) {
        List<String> indexed = Files.readAllLines(folder.resolve("index.txt")).stream()
            .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).sorted().toList();
        try (Stream<Path> files = Files.list(folder)) {
          List<String> present = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".avsc")).sorted().toList();
          assertThat(indexed).as("index.txt of %s", folder).isEqualTo(present);
        }
      }
    }
  }

  /**
   * Released schemas are immutable: data written with them exists forever in order-events. Releasing a version means
   * adding its checksums to released-schemas.sha256; changing one afterwards fails here.
   */
  @Test
  void releasedVersionsAreNeverEdited() throws Exception {
    Map<String, String> recorded = new TreeMap<>();
    for (String line : Files.readAllLines(RELEASED_CHECKSUMS)) {
      if (!line.isBlank() && !line.startsWith("#")) {
        String[] parts = line.trim().split("\\s+");
        recorded.put(parts[1], parts[0]);
      }
    }
    Map<String, String> actual = new TreeMap<>();
    try (Stream<Path> files = Files.walk(SHIPPED)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String relative = SHIPPED.relativize(file).toString();
        if (recorded.containsKey(relative)) {
          actual.put(relative, sha256(file));
        }
      }
    }
    assertThat(recorded).as("a released schema file was edited or deleted; add a new version instead").isEqualTo(actual);
    assertThat(recorded.keySet()).as("every shipped version is recorded as released")
        .anyMatch(name -> name.startsWith(SchemaCatalog.shipped().current().label() + "/"));
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
