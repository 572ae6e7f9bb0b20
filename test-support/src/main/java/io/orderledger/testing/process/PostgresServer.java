package io.orderledger.testing.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server from Debian's packages, started with its data in a given fresh folder and stopped after, for the
 * peer benchmark and the Kafka Connect JDBC sink test. PostgreSQL refuses to run as root, so when the JVM runs as root
 * the server runs as the {@code postgres} user that the package creates.
 */
public final class PostgresServer implements AutoCloseable {

  private final Path bin;
  private final Path data;
  private final int port;

  private PostgresServer(Path bin, Path data, int port) {
    this.bin = bin;
    this.data = data;
    this.port = port;
  }

  /** What every server here runs with: durable commits, as a ledger must; a caller adds memory settings to these. */
  public static final List<String> DURABLE = List.of("-c fsync=on", "-c synchronous_commit=on", "-c full_page_writes=on");

  /**
   * Starts a server on 127.0.0.1:{@code port} with its data in the fresh folder {@code data} and {@code settings}
   * ({@code -c name=value} each) after {@link #DURABLE}.
   */
  public static PostgresServer start(int port, Path data, List<String> settings) throws Exception {
    Path bin = installed();
    if (root()) {
      run(List.of("chown", "-R", "postgres:postgres", data.toString()));
    }
    run(asServerUser(List.of(bin.resolve("initdb").toString(), "-D", data.resolve("pgdata").toString(), "-A", "trust", "-U", "postgres",
        "--no-instructions")));
    List<String> options = new ArrayList<>(List.of("-p " + port, "-k " + data, "-c listen_addresses=127.0.0.1"));
    options.addAll(DURABLE);
    options.addAll(settings);
    run(asServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", data.resolve("pgdata").toString(), "-l",
        data.resolve("postgres.log").toString(), "-o", String.join(" ", options), "-w", "start")));
    return new PostgresServer(bin, data, port);
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres&reWriteBatchedInserts=true";
  }

  /** The newest PostgreSQL under /usr/lib/postgresql (Debian's layout); .ci/run and benchmarks/run.sh install it. */
  private static Path installed() throws IOException {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      throw new IllegalStateException("PostgreSQL is not installed: apt-get install postgresql (as .ci/run and benchmarks/run.sh do)");
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
          .max(Comparator.comparing(p -> Integer.parseInt(p.getParent().getFileName().toString())))
          .orElseThrow(() -> new IllegalStateException("no initdb under " + root));
    }
  }

  private static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static List<String> asServerUser(List<String> command) {
    if (!root()) {
      return command;
    }
    List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
    wrapped.addAll(command);
    return wrapped;
  }

  private static void run(List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("failed: " + String.join(" ", command));
    }
  }

  @Override
  public void close() throws Exception {
    run(asServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", data.resolve("pgdata").toString(), "-m", "fast", "-w", "stop")));
  }
}
