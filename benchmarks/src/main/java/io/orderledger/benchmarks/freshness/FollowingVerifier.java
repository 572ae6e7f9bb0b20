package io.orderledger.benchmarks.freshness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * {@code ledger-audit verify --follow} beside the stack, as an auditor runs it: its own process, its own rules, every
 * checkpoint's signature checked. Each pass prints how long the oldest input it verified waited after ingestion; those
 * waits, over the passes that ended in the measured window, are the verifier's lag.
 */
public final class FollowingVerifier implements AutoCloseable {

  private static final Pattern PASS = Pattern.compile(
      "behind the log: ([0-9,]+) records, ([0-9.]+) s; longest wait from ingestion to verification this pass: ([0-9.]+) s; differences: ([0-9,]+)");

  private final Process process;
  private final Thread reader;
  private final List<long[]> passes = new ArrayList<>(); // {at millis, behind records, behind millis, longest wait millis, differences}
  private final StringBuilder firstLines = new StringBuilder();

  private FollowingVerifier(Process process) {
    this.process = process;
    this.reader = new Thread(this::read, "verify-follow-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts {@code verify --follow --keep-going --interval 1s} against the broker, checking signatures with the key in
   * the file (none checked when it is null: a ledger sealing with a key of its own run has no file to give).
   */
  public static FollowingVerifier start(Path jar, String bootstrapServers, Path publicKeyFile) throws IOException {
    return start(jar, bootstrapServers, publicKeyFile, "512m");
  }

  /** As {@link #start(Path, String, Path)}, with this maximum heap ({@code -Xmx}). */
  public static FollowingVerifier start(Path jar, String bootstrapServers, Path publicKeyFile, String heap) throws IOException {
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar + " is missing: benchmarks/run.sh builds it");
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap, "-XX:+UseSerialGC", "-jar", jar.toString(), "verify", "--follow",
        "--keep-going", "--interval", "1s", "--quiet", "--bootstrap-servers", bootstrapServers));
    if (publicKeyFile != null) {
      command.addAll(List.of("--public-key", "@" + publicKeyFile));
    }
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    // Not left running if the benchmark fails before it closes this.
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "verify-follow-stop"));
    return new FollowingVerifier(process);
  }

  public long pid() {
    return process.pid();
  }

  private void read() {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = lines.readLine()) != null; ) {
        Matcher pass = PASS.matcher(line);
        if (pass.find()) {
          synchronized (passes) {
            passes.add(new long[] {System.currentTimeMillis(), number(pass.group(1)), millis(pass.group(2)), millis(pass.group(3)),
                number(pass.group(4))});
            passes.notifyAll();
          }
        } else if (firstLines.length() < 4_000) {
          firstLines.append(line).append('\n');
        }
      }
    } catch (IOException ended) {
      // the process was stopped
    }
  }

  /** What the passes that ended between the two times show, as one line for the report. */
  public String summary(long fromMillis, long toMillis) {
    List<long[]> window = passesEndingBetween(fromMillis, toMillis);
    if (window.isEmpty()) {
      return "no pass of verify --follow ended in the window; its first output:\n" + firstLines;
    }
    Histogram waits = waits(window);
    long maxBehindRecords = window.stream().mapToLong(p -> p[1]).max().orElse(0);
    long differences = window.get(window.size() - 1)[4];
    return String.format("%d passes; longest wait from ingestion to verification per pass: p50 %d ms, p99 %d ms, max %d ms (target"
            + " p99 < 60 s); at most %,d records behind the log; differences: %,d", window.size(), waits.getValueAtPercentile(50),
        waits.getValueAtPercentile(99), waits.getMaxValue(), maxBehindRecords, differences);
  }

  /** Waits until a pass ends with nothing behind the log. */
  public void awaitCaughtUp(Duration atMost) throws InterruptedException {
    awaitPass(atMost, "a pass with nothing behind the log", () -> passes.get(passes.size() - 1)[1] == 0);
  }

  /** Waits until {@code more} passes beyond those ended so far have ended. */
  public void awaitMorePasses(int more, Duration atMost) throws InterruptedException {
    int target;
    synchronized (passes) {
      target = passes.size() + more;
    }
    awaitPass(atMost, more + " more passes", () -> passes.size() >= target);
  }

  private void awaitPass(Duration atMost, String what, java.util.function.BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + atMost.toNanos();
    synchronized (passes) {
      while (passes.isEmpty() || !done.getAsBoolean()) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !process.isAlive()) {
          throw new IllegalStateException("verify --follow: not " + what + " within " + atMost + "; its first output:\n" + firstLines);
        }
        passes.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  /** The differences its last pass counted, -1 before the first. */
  public long differences() {
    synchronized (passes) {
      return passes.isEmpty() ? -1 : passes.get(passes.size() - 1)[4];
    }
  }

  /** The p99 of the longest wait per pass over the window, -1 when no pass ended in it. */
  public long p99WaitMillis(long fromMillis, long toMillis) {
    List<long[]> window = passesEndingBetween(fromMillis, toMillis);
    return window.isEmpty() ? -1 : waits(window).getValueAtPercentile(99);
  }

  private List<long[]> passesEndingBetween(long fromMillis, long toMillis) {
    synchronized (passes) {
      return passes.stream().filter(p -> p[0] >= fromMillis && p[0] <= toMillis).toList();
    }
  }

  private static Histogram waits(List<long[]> window) {
    Histogram waits = new Histogram(3_600_000, 3);
    window.forEach(p -> waits.recordValue(Math.min(p[3], 3_600_000)));
    return waits;
  }

  private static long number(String digits) {
    return Long.parseLong(digits.replace(",", ""));
  }

  private static long millis(String seconds) {
    return Math.round(Double.parseDouble(seconds) * 1000);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
    reader.join(5_000);
  }
}
