package io.orderledger.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Temporary folders for a benchmark's broker, stores and databases, deleted when the benchmark's JVM exits. One run
 * writes several gigabytes (a million events, their outputs and changelogs, PostgreSQL's tables and WAL); left behind,
 * a few runs fill a disk. {@code -Dbenchmark.keep=true} keeps them for a look afterwards.
 */
public final class WorkDirs {

  private static final List<Path> CREATED = new ArrayList<>();

  static {
    if (!Boolean.getBoolean("benchmark.keep")) {
      Runtime.getRuntime().addShutdownHook(new Thread(WorkDirs::deleteAll, "benchmark-work-dirs"));
    }
  }

  private WorkDirs() {
  }

  public static synchronized Path create(String prefix) {
    try {
      Path dir = Files.createTempDirectory(prefix);
      CREATED.add(dir);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static synchronized void deleteAll() {
    for (Path dir : CREATED) {
      try (Stream<Path> all = Files.walk(dir)) {
        all.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException | UncheckedIOException e) {
        System.err.println("could not delete " + dir + ": " + e.getMessage());
      }
    }
  }
}
