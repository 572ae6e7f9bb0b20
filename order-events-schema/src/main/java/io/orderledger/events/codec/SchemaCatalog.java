package io.orderledger.events.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParser;

/**
 * Every released version of the schemas this module ships, read from the classpath.
 *
 * <p>This is the role a schema registry plays elsewhere: a decoder finds the writer's schema here by its
 * fingerprint. Versions live in {@code <root>/v1/}, {@code <root>/v2/}, ...; each folder holds one {@code .avsc}
 * file per named type and an {@code index.txt} naming them (a classpath folder cannot be listed inside a jar).
 * Released folders are never edited; a change is a new folder.
 */
public final class SchemaCatalog {

  /** Where the released versions of this module live on the classpath. */
  public static final String SHIPPED_ROOT = "io/orderledger/events/schemas";

  private static final SchemaCatalog SHIPPED = load(SchemaCatalog.class.getClassLoader(), SHIPPED_ROOT);

  private final List<SchemaVersion> versions;

  private SchemaCatalog(List<SchemaVersion> versions) {
    if (versions.isEmpty()) {
      throw new IllegalStateException("no schema versions found");
    }
    this.versions = List.copyOf(versions);
  }

  /** The versions shipped in this jar. Loaded once per JVM. */
  public static SchemaCatalog shipped() {
    return SHIPPED;
  }

  /** Loads {@code root/v1}, {@code root/v2}, ... until a version folder has no index. */
  public static SchemaCatalog load(ClassLoader loader, String root) {
    List<SchemaVersion> versions = new ArrayList<>();
    for (int number = 1; ; number++) {
      String folder = root + "/v" + number + "/";
      String index = read(loader, folder + "index.txt");
      if (index == null) {
        break;
      }
      versions.add(parseVersion(loader, number, folder, index));
    }
    return new SchemaCatalog(versions);
  }

  private static SchemaVersion parseVersion(ClassLoader loader, int number, String folder, String index) {
    // One parser per version: the files of a version may reference each other in any order,
    // and the same name may be defined differently in another version.
    SchemaParser parser = new SchemaParser();
    for (String line : index.split("\n")) {
      String file = line.strip();
      if (file.isEmpty() || file.startsWith("#")) {
        continue;
      }
      String text = read(loader, folder + file);
      if (text == null) {
        throw new IllegalStateException(folder + "index.txt names " + file + ", which does not exist");
      }
      parser.parse(text);
    }
    Map<String, Schema> types = new LinkedHashMap<>();
    for (Schema schema : parser.getParsedNamedSchemas()) {
      types.put(schema.getFullName(), schema);
    }
    return new SchemaVersion(number, types);
  }

  private static String read(ClassLoader loader, String resource) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  /** All versions, oldest first. */
  public List<SchemaVersion> versions() {
    return versions;
  }

  public SchemaVersion current() {
    return versions.get(versions.size() - 1);
  }

  /** Every schema a type has had, oldest first, one per version that defines it. */
  public List<Schema> historyOf(String fullName) {
    List<Schema> history = new ArrayList<>();
    for (SchemaVersion version : versions) {
      version.type(fullName).ifPresent(history::add);
    }
    return history;
  }
}
