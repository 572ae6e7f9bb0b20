package io.orderledger.testing.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A service started as its own JVM from this test's classpath, so that a test can kill it the way an operating
 * system or an orchestrator would: {@link #kill()} is SIGKILL, no shutdown hook runs, no buffer is flushed.
 */
public final class ChildJvm implements AutoCloseable {

  /** Every child still running when the test JVM exits is killed: a failed test must not leave services behind. */
  private static final java.util.Set<Process> RUNNING = java.util.concurrent.ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly), "child-jvm-reaper"));
  }

  /**
   * JVM options for a child that a test starts over and over (the crash tests start one about twenty times): the
   * client compiler only and the serial collector. On two shared cores they halve a Spring Boot service's start (about
   * 9 s to 4-6 s), which is most of such a test's time; what the test checks does not depend on how fast the code
   * runs once started. Not for a child whose speed is measured.
   */
  public static final List<String> QUICK_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  private final String name;
  private final Process process;
  private final Path log;

  private ChildJvm(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * @param jvmOptions for example {@code -Xmx512m}
   * @param log where the child's stdout and stderr go (appended, so restarts share one file)
   */
  public static ChildJvm start(String name, String mainClass, List<String> jvmOptions, List<String> args, Path log) {
    return start(name, mainClass, jvmOptions, args, java.util.Map.of(), log);
  }

  /** @param environment added to the child's environment: where secrets go, never on its command line */
  public static ChildJvm start(String name, String mainClass, List<String> jvmOptions, List<String> args,
                               java.util.Map<String, String> environment, Path log) {
    return start(name, mainClass, jvmOptions, System.getProperty("java.class.path"), args, environment, log);
  }

  /** @param classpath the child's class path (this test's, perhaps with something put in front of it) */
  public static ChildJvm start(String name, String mainClass, List<String> jvmOptions, String classpath, List<String> args,
                               java.util.Map<String, String> environment, Path log) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    command.addAll(args);
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().putAll(environment);
      Process process = builder.start();
      RUNNING.add(process);
      process.onExit().thenRun(() -> RUNNING.remove(process));
      return new ChildJvm(name, process, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public Path log() {
    return log;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL, then wait for the process to be gone. */
  public void kill() {
    process.destroyForcibly();
    waitFor(Duration.ofSeconds(30));
  }

  /** SIGSTOP: the process freezes mid-whatever, holding its sockets and its open transaction, as a long GC pause would. */
  public void pause() {
    signal("STOP");
  }

  /** SIGCONT: a paused process runs on from where it stopped, unaware of the time that passed. */
  public void resume() {
    signal("CONT");
  }

  private void signal(String name) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** SIGTERM (an orderly shutdown), then SIGKILL if it has not exited in time. */
  public void stop(Duration grace) {
    process.destroy();
    if (!waitFor(grace)) {
      kill();
    }
  }

  private boolean waitFor(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Waits until {@code condition} holds, failing at once if this process dies and after {@code atMost} if the
   * condition never holds; either failure carries the end of the process's log.
   *
   * @param what what is awaited, for the failure message ("lag at most 1000")
   */
  public void awaitWhileAlive(String what, Duration atMost, Callable<Boolean> condition) {
    try {
      Awaitility.await(what).atMost(atMost).pollInterval(Duration.ofMillis(50))
          .failFast(() -> {
            if (!process.isAlive()) {
              throw new AssertionError(name + " died while waiting for " + what + "; log:\n" + tail(60));
            }
          })
          .until(condition);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(name + " did not reach '" + what + "' within " + atMost + "; log:\n" + tail(60), e);
    }
  }

  /** The last lines of the child's log, for failure messages. */
  public String tail(int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }
}
