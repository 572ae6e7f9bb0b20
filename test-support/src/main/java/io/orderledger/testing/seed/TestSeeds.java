package io.orderledger.testing.seed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * The seed of a randomised test. In {@code mvn -B verify} every randomised test runs with its fixed seed, so that a
 * build fails only when the code changed; exploring with fresh seeds is something a developer does on purpose.
 *
 * <ul>
 *   <li>{@code -D<property>=N} replays one test with seed N (the property is the test's own, printed with its seed);
 *   <li>{@code -Dtest.seeds=random} (the {@code explore} profile: {@code mvn -B verify -Pexplore}) gives every
 *       randomised test a fresh seed, printed so that a failure can be replayed with the line above.
 * </ul>
 *
 * Every seed used is printed as {@code [seed] <test>: <property>=N}, so a failed run's log holds its replay command.
 */
public final class TestSeeds {

  /** {@code random}: every test without its own property set gets a fresh seed. */
  public static final String EXPLORE = "test.seeds";

  private static final SecureRandom FRESH = new SecureRandom();

  private TestSeeds() {
  }

  /**
   * @param property the system property that replays this test's seed, such as {@code ledger.model.seed}
   * @param fixed the seed CI runs with
   */
  public static long seed(String test, String property, long fixed) {
    String asked = System.getProperty(property);
    long seed;
    if (asked != null && !asked.isBlank()) {
      seed = Long.parseLong(asked.trim());
    } else if (exploring()) {
      seed = FRESH.nextLong() & Long.MAX_VALUE;
    } else {
      seed = fixed;
    }
    String line = String.format("[seed] %s: -D%s=%d%s", test, property, seed, seed == fixed ? " (the fixed seed)" : " (a fresh seed)");
    System.out.println(line);
    record(line);
    return seed;
  }

  /**
   * Also kept in {@code target/test-seeds.txt} of the module (a test JVM's working directory), which the build prints
   * after the tests: a test's own output goes to its report file, this list to the build's console.
   */
  private static synchronized void record(String line) {
    Path file = Path.of("target", "test-seeds.txt");
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      System.out.println("[seed] cannot write " + file.toAbsolutePath() + ": " + e);
    }
  }

  /** True when {@code -Dtest.seeds=random}: tests may also widen what they explore (more tries, more sequences). */
  public static boolean exploring() {
    return "random".equalsIgnoreCase(System.getProperty(EXPLORE, "").trim());
  }
}
