package io.orderledger.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which jars start with their ahead-of-time context: those whose build wrote one, and no other, since a JVM told to use
 * one that is not there refuses to start. (The real query service and ledger start with theirs in {@code LocalStackIT}.)
 */
class SpringAheadOfTimeTest {

  @Test
  void aJarWithItsAheadOfTimeContextStartsWithIt(@TempDir Path folder) throws IOException {
    Path jar = jar(folder.resolve("query-service-exec.jar"), "BOOT-INF/classes/io/orderledger/query/app/QueryApplication.class",
        "BOOT-INF/classes/io/orderledger/query/app/QueryApplication__ApplicationContextInitializer.class");

    assertThat(SpringAheadOfTime.jvmOptions(jar)).containsExactly("-Dspring.aot.enabled=true");
  }

  @Test
  void aJarBuiltWithoutOneStartsTheOrdinaryWay(@TempDir Path folder) throws IOException {
    Path jar = jar(folder.resolve("provider-poller-exec.jar"), "BOOT-INF/classes/io/orderledger/poller/app/PollerApplication.class",
        "BOOT-INF/lib/some-library__ApplicationContextInitializer.class");

    assertThat(SpringAheadOfTime.jvmOptions(jar)).isEmpty();
    assertThat(SpringAheadOfTime.jvmOptions(folder.resolve("missing-exec.jar"))).isEmpty();
  }

  @Test
  void theStackCanBeToldNotToUseIt(@TempDir Path folder) throws IOException {
    Path jar = jar(folder.resolve("ledger-service-exec.jar"),
        "BOOT-INF/classes/io/orderledger/ledger/app/LedgerApplication__ApplicationContextInitializer.class");
    String before = System.getProperty(SpringAheadOfTime.ENABLED);
    System.setProperty(SpringAheadOfTime.ENABLED, "false");
    try {
      assertThat(SpringAheadOfTime.jvmOptions(jar)).isEmpty();
    } finally {
      if (before == null) {
        System.clearProperty(SpringAheadOfTime.ENABLED);
      } else {
        System.setProperty(SpringAheadOfTime.ENABLED, before);
      }
    }
  }

  private static Path jar(Path file, String... entries) throws IOException {
    try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
      for (String entry : entries) {
        zip.putNextEntry(new ZipEntry(entry));
        zip.write(new byte[] {1});
        zip.closeEntry();
      }
    }
    return file;
  }
}
