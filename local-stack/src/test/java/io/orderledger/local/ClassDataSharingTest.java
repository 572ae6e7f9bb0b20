package io.orderledger.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a service's command changes with class-data sharing: the JVM's options and the service's arguments kept, the
 * executable jar swapped for its extracted copy, the archive mapped only once it exists. (Extracting and training a
 * real service are exercised by {@code LocalStackIT}, which checks that each restarted service maps its archive.)
 */
class ClassDataSharingTest {

  @Test
  void aServiceStartsFromItsExtractedJarAndMapsTheArchiveOnceTrained(@TempDir Path target) throws Exception {
    Path jar = target.resolve("query-service-exec.jar");
    ClassDataSharing sharing = new ClassDataSharing(jar);
    List<String> asBuilt = List.of("java", "-Xmx512m", "-XX:+UseParallelGC", "-jar", jar.toString(), "--server.port=8080");
    Path extracted = target.resolve("class-data").resolve("app").resolve("query-service-exec.jar");

    assertThat(sharing.trained()).isFalse();
    assertThat(sharing.command(asBuilt))
        .containsExactly("java", "-Xmx512m", "-XX:+UseParallelGC", "-jar", extracted.toString(), "--server.port=8080");

    Files.createDirectories(target.resolve("class-data"));
    Files.writeString(target.resolve("class-data").resolve("classes.jsa"), "an archive");
    assertThat(sharing.trained()).isTrue();
    assertThat(sharing.command(asBuilt)).containsExactly("java", "-Xmx512m", "-XX:+UseParallelGC",
        "-XX:SharedArchiveFile=" + target.resolve("class-data").resolve("classes.jsa"), "-jar", extracted.toString(),
        "--server.port=8080");
  }

  @Test
  void withoutAJarThatExistsThereIsNothingToExtract(@TempDir Path target) {
    assertThat(new ClassDataSharing(target.resolve("missing-exec.jar")).extract()).isFalse();
  }
}
