package io.orderledger.benchmarks;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The HTTP load generator in a JVM of its own, so that the server under test does not share its heap, JIT and
 * garbage collector with the client that measures it. The parent writes one command per line on the child's stdin
 * ({@code name<TAB>base<TAB>pathsFile<TAB>concurrency<TAB>warmupMillis<TAB>durationMillis}); the child answers each
 * with one line ({@code RESULT<TAB>name<TAB>throughput<TAB>p50<TAB>p99<TAB>p999<TAB>meanBytes}). Each request's path is
 * drawn at random from the command's file of paths, which the parent samples from the same distributions as before.
 */
final class HttpLoadProcess implements AutoCloseable {

  private final Process process;
  private final BufferedWriter commands;
  private final BufferedReader results;

  private HttpLoadProcess(Process process) {
    this.process = process;
    this.commands = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    this.results = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  static HttpLoadProcess start(String apiKey) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"), HttpLoadProcess.class.getName(),
        apiKey).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    return new HttpLoadProcess(process);
  }

  HttpLoad.Result run(String name, String base, List<String> paths, int concurrency, Duration warmup, Duration duration) throws IOException {
    Path file = Files.createTempFile("load-paths", ".txt");
    Files.write(file, paths);
    commands.write(String.join("\t", name, base, file.toString(), String.valueOf(concurrency), String.valueOf(warmup.toMillis()),
        String.valueOf(duration.toMillis())));
    commands.newLine();
    commands.flush();
    String line;
    while ((line = results.readLine()) != null && !line.startsWith("RESULT\t")) {
      System.out.println("  [load] " + line);
    }
    Files.deleteIfExists(file);
    if (line == null) {
      throw new IllegalStateException("the load process ended without a result for " + name);
    }
    String[] f = line.split("\t");
    return new HttpLoad.Result(f[1], Double.parseDouble(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]), Long.parseLong(f[5]),
        Double.parseDouble(f[6]));
  }

  @Override
  public void close() throws IOException {
    commands.close();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      process.destroy();
      Thread.currentThread().interrupt();
    }
  }

  /** The child: runs each command with {@link HttpLoad} and prints its result line. */
  public static void main(String[] args) throws Exception {
    HttpLoad load = new HttpLoad(args[0]);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String command;
    while ((command = in.readLine()) != null) {
      String[] f = command.split("\t");
      List<String> paths = Files.readAllLines(Path.of(f[2]));
      HttpLoad.Result result = load.run(f[0], f[1], random -> paths.get(random.nextInt(paths.size())), Integer.parseInt(f[3]),
          Duration.ofMillis(Long.parseLong(f[4])), Duration.ofMillis(Long.parseLong(f[5])));
      System.out.println(String.join("\t", "RESULT", result.name(), String.valueOf(result.throughput()), String.valueOf(result.p50()),
          String.valueOf(result.p99()), String.valueOf(result.p999()), String.valueOf(result.meanBytes())));
      System.out.flush();
    }
  }
}
