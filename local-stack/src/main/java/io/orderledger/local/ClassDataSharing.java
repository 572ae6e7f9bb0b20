package io.orderledger.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.apache.kafka.common.utils.Utils;

/**
 * Java's class-data sharing for one of the stack's Spring services. A restart is CPU-bound on two cores
 * (BENCHMARKS.md, 2026-12-05: 21-23 CPU s until the query service is ready, Spring's context on the main thread 6 s of
 * it, a third of that loading classes out of the executable jar's nested jars). So each service runs from its jar
 * extracted (Spring Boot's {@code -Djarmode=tools extract}: plain jars on a class path) and, once an archive of the
 * classes its context loads exists, maps them from the archive instead of loading, parsing and verifying them again.
 *
 * <p>The archive is made by a training run ({@link #train}): the service started with the stack's own arguments and
 * environment, which Spring ends once its context has refreshed, before any lifecycle bean starts (Kafka Streams, the
 * poller's loop, Tomcat's connector: {@code -Dspring.context.exit=onRefresh}), the JVM writing the classes it loaded
 * as it exits ({@code -XX:ArchiveClassesAtExit}). It is kept beside the jar, for that build of it: a rebuilt jar is
 * extracted and trained again. A JVM that cannot use an archive (another JDK, a changed class path) says so in its log
 * and starts without it, as before.
 */
final class ClassDataSharing {

  /** System property: {@code false} starts the services from their executable jars, without an archive. */
  static final String ENABLED = "stack.class-data-sharing";
  private static final String ARCHIVE_SUFFIX = ".jsa";
  /** How the path of every trained archive ends: what a process's memory map shows once its JVM has mapped it. */
  static final String ARCHIVE_PATH_END = "/class-data/classes" + ARCHIVE_SUFFIX;

  private final Path executableJar;
  private final Path home;

  ClassDataSharing(Path executableJar) {
    this.executableJar = executableJar;
    this.home = executableJar.resolveSibling("class-data");
  }

  static boolean enabled() {
    return !"false".equalsIgnoreCase(System.getProperty(ENABLED, "true").strip());
  }

  /**
   * Extracts the jar unless this build of it already was (a second or two, once per build). Another stack extracting
   * the same jar at the same time is harmless: each extracts into a folder of its own and the first to finish wins.
   *
   * @return whether the extracted jar is there to start from
   */
  boolean extract() {
    if (isCurrent()) {
      return true;
    }
    if (!Files.exists(executableJar)) {
      return false;
    }
    try {
      Files.createDirectories(home.getParent());
      Path staging = Files.createTempDirectory(home.getParent(), "class-data-");
      int exit = run(List.of(LocalStack.java(), "-Djarmode=tools", "-jar", executableJar.toString(), "extract", "--destination",
          staging.resolve("app").toString()), Map.of(), staging.resolve("extract.log"), 120);
      if (exit != 0 || !Files.exists(staging.resolve("app").resolve(executableJar.getFileName()))) {
        System.err.printf("[local-stack] could not extract %s (exit %d: %s): starting it as built%n", executableJar, exit,
            Files.readString(staging.resolve("extract.log")).strip());
        Utils.delete(staging.toFile());
        return false;
      }
      Files.delete(staging.resolve("extract.log"));
      Files.writeString(staging.resolve("built-from"), buildOf(executableJar));
      if (Files.exists(home)) {
        Utils.delete(home.toFile()); // an earlier build's
      }
      try {
        Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException anotherStackWasFirst) {
        Utils.delete(staging.toFile());
      }
      return isCurrent();
    } catch (IOException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      System.err.printf("[local-stack] could not extract %s (%s): starting it as built%n", executableJar, e);
      return false;
    }
  }

  /** Whether the folder holds this build of the jar, extracted. */
  private boolean isCurrent() {
    try {
      return Files.exists(extractedJar()) && buildOf(executableJar).equals(Files.readString(home.resolve("built-from")));
    } catch (IOException e) {
      return false;
    }
  }

  boolean trained() {
    return Files.exists(archive());
  }

  /**
   * The command to start the service with now, given the one that starts its executable jar: the extracted jar, with
   * the archive once it has been trained. Asked at every start, so a restart after training maps the archive.
   */
  List<String> command(List<String> executableJarCommand) {
    int jar = executableJarCommand.indexOf("-jar");
    List<String> command = new ArrayList<>(executableJarCommand.subList(0, jar));
    if (trained()) {
      command.add("-XX:SharedArchiveFile=" + archive());
    }
    command.add("-jar");
    command.add(extractedJar().toString());
    command.addAll(executableJarCommand.subList(jar + 2, executableJarCommand.size()));
    return command;
  }

  /**
   * Runs the training: the service's own command and environment, at the lowest CPU priority (it runs beside the
   * stack), ended by Spring once the context has refreshed. Blocks until it has exited.
   *
   * @return whether the archive now exists
   */
  boolean train(List<String> executableJarCommand, Map<String, String> environment, Path log) throws InterruptedException {
    Path writing = home.resolve("training-" + ProcessHandle.current().pid() + ARCHIVE_SUFFIX);
    List<String> command = new ArrayList<>(List.of("nice", "-n", "19"));
    List<String> service = command(executableJarCommand);
    int jar = service.indexOf("-jar");
    command.addAll(service.subList(0, jar));
    command.addAll(List.of("-XX:ArchiveClassesAtExit=" + writing, "-Dspring.context.exit=onRefresh"));
    command.addAll(service.subList(jar, service.size()));
    try {
      long begun = System.nanoTime();
      int exit = run(command, environment, log, 300);
      if (!Files.exists(writing) || Files.size(writing) == 0) {
        System.err.printf("[local-stack] the class-data training of %s wrote no archive (exit %d, see %s)%n",
            executableJar.getFileName(), exit, log);
        return false;
      }
      Files.move(writing, archive(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      System.out.printf("[local-stack] class-data archive for %s trained in %.1f s: its restarts map it%n",
          executableJar.getFileName(), (System.nanoTime() - begun) / 1e9);
      return true;
    } catch (IOException e) {
      System.err.printf("[local-stack] the class-data training of %s failed: %s%n", executableJar.getFileName(), e);
      return false;
    } finally {
      try {
        Files.deleteIfExists(writing); // what a run cut short left
      } catch (IOException ignored) {
        // the next training writes a file of its own
      }
    }
  }

  private Path extractedJar() {
    return home.resolve("app").resolve(executableJar.getFileName());
  }

  private Path archive() {
    return home.resolve("classes" + ARCHIVE_SUFFIX);
  }

  /**
   * What identifies a build of the jar: every entry's name, size and CRC, digested. Not the jar's bytes nor its
   * modification time: a rebuild of unchanged code writes the same entries with other zip metadata, and keeps the
   * archive.
   */
  private static String buildOf(Path jar) throws IOException {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      zip.stream().forEach(entry -> digest.update((entry.getName() + ':' + entry.getSize() + ':' + entry.getCrc() + '\n')
          .getBytes(StandardCharsets.UTF_8)));
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs a command to its end (destroyed, and -1, after the timeout or on interruption), its output to the log. */
  private static int run(List<String> command, Map<String, String> environment, Path log, int timeoutSeconds)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    Process process = builder.start();
    try {
      return process.waitFor(timeoutSeconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
    } finally {
      process.destroyForcibly();
    }
  }

}
