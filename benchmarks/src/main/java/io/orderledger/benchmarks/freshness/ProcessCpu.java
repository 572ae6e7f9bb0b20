package io.orderledger.benchmarks.freshness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

/**
 * CPU time used by processes, from Linux's {@code /proc/<pid>/stat} (user + system time of all the process's threads):
 * what a run costs in CPU, which is stable on a noisy machine where wall-clock latencies are not.
 */
public final class ProcessCpu {

  /** Clock ticks per second of {@code /proc/<pid>/stat}'s times: USER_HZ, 100 on every Linux build we run on. */
  private static final long TICKS_PER_SECOND = 100;

  private final Map<String, Long> pids;

  /** @param pids the processes to measure, by a name for the report */
  public ProcessCpu(Map<String, Long> pids) {
    this.pids = new LinkedHashMap<>(pids);
  }

  /** Each process's CPU time so far, in milliseconds (-1 for one that has gone). */
  public Map<String, Long> sample() {
    return each(ProcessCpu::cpuMillis);
  }

  /**
   * The CPU time so far of each process's JIT compiler threads (HotSpot's "C1 CompilerThread" and "C2 CompilerThread"),
   * in milliseconds (-1 for one that has gone): the part of a run's cost that is the JVMs warming up, which a process
   * that runs for days pays once, not per change.
   */
  public Map<String, Long> compilersSample() {
    return threadsSample("C1 CompilerThre", "C2 CompilerThre");
  }

  /**
   * The CPU time so far of each process's Tomcat threads ("http-nio-<port>-…"), in milliseconds (-1 for one that has
   * gone): in the query service, what answering HTTP requests costs, apart from materialising the views.
   */
  public Map<String, Long> httpThreadsSample() {
    return threadsSample("http-nio-");
  }

  /**
   * How long each process's threads have waited so far, runnable, for a core, in milliseconds (-1 for one that has
   * gone): the sum over its live threads (those whose name starts with one of {@code namePrefixes}, or all of them when
   * none is given) of {@code /proc/<pid>/task/<tid>/schedstat}'s second field (nanoseconds spent on a run queue). On two
   * shared cores this is what a stage loses to the others' work, which none of its own settings removes.
   */
  public Map<String, Long> runQueueWaitSample(String... namePrefixes) {
    return each(pid -> runQueueWaitMillis(pid, namePrefixes));
  }

  /** Each live thread's time on a run queue so far, in milliseconds, by "tid name", of the process called {@code name}. */
  public Map<String, Long> runQueueWaitByThread(String name) {
    Map<String, Long> waits = new LinkedHashMap<>();
    Long pid = pids.get(name);
    if (pid == null) {
      return waits;
    }
    try (Stream<Path> threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      threads.forEach(thread -> {
        try {
          waits.put(thread.getFileName() + " " + Files.readString(thread.resolve("comm")).strip(), runQueueWaitNanos(thread) / 1_000_000);
        } catch (IOException ended) {
          // the thread has ended
        }
      });
    } catch (IOException | RuntimeException gone) {
      // the process has ended
    }
    return waits;
  }

  /**
   * The {@code count} threads that waited longest for a core between two {@link #runQueueWaitByThread} samples (a thread
   * born in between counts from zero), as "name: ms" text.
   */
  public static String longestWaiters(Map<String, Long> before, Map<String, Long> after, int count) {
    return after.entrySet().stream()
        .map(thread -> Map.entry(thread.getKey().substring(thread.getKey().indexOf(' ') + 1), thread.getValue() - before.getOrDefault(thread.getKey(), 0L)))
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(count)
        .map(thread -> thread.getKey() + " " + thread.getValue() + " ms").collect(java.util.stream.Collectors.joining(", "));
  }

  /**
   * Linux's CPU pressure (PSI): microseconds so far in which at least one runnable task waited for a core
   * ({@code /proc/pressure/cpu}, "some" total), or -1 where the kernel does not report it.
   */
  public static long cpuPressureMicros() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/pressure/cpu"))) {
        if (line.startsWith("some ")) {
          return Long.parseLong(line.substring(line.indexOf("total=") + "total=".length()).strip());
        }
      }
      return -1;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  static long runQueueWaitMillis(long pid, String... namePrefixes) {
    long nanos = sumOverThreads(pid, namePrefixes, ProcessCpu::runQueueWaitNanos);
    return nanos < 0 ? -1 : nanos / 1_000_000;
  }

  private static long runQueueWaitNanos(Path thread) {
    try {
      return Long.parseLong(Files.readString(thread.resolve("schedstat")).strip().split(" ")[1]);
    } catch (IOException | RuntimeException e) {
      return 0; // the thread has ended: its wait is no longer reported
    }
  }

  /** The CPU time so far of each process's threads whose name starts with one of {@code namePrefixes}. */
  private Map<String, Long> threadsSample(String... namePrefixes) {
    return each(pid -> threadMillis(pid, namePrefixes));
  }

  private Map<String, Long> each(java.util.function.LongUnaryOperator millisOf) {
    Map<String, Long> millis = new LinkedHashMap<>();
    pids.forEach((name, pid) -> millis.put(name, millisOf.applyAsLong(pid)));
    return millis;
  }

  /** CPU milliseconds each process used between two samples. */
  public static Map<String, Long> between(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> used = new LinkedHashMap<>();
    before.forEach((name, start) -> used.put(name, start < 0 || after.get(name) < 0 ? -1 : after.get(name) - start));
    return used;
  }

  static long cpuMillis(long pid) {
    return cpuMillis(Path.of("/proc", Long.toString(pid), "stat"));
  }

  static long threadMillis(long pid, String... namePrefixes) {
    return sumOverThreads(pid, namePrefixes, thread -> Math.max(0, cpuMillis(thread.resolve("stat"))));
  }

  /**
   * {@code measure} summed over the process's live threads whose name starts with one of {@code namePrefixes} (every
   * thread when none is given, without reading their names), or -1 once the process has ended.
   */
  private static long sumOverThreads(long pid, String[] namePrefixes, ToLongFunction<Path> measure) {
    try (Stream<Path> threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      return threads.filter(thread -> namePrefixes.length == 0 || named(thread, namePrefixes)).mapToLong(measure).sum();
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static boolean named(Path thread, String... namePrefixes) {
    try {
      String name = Files.readString(thread.resolve("comm")).strip(); // the thread's name, cut to 15 characters
      for (String prefix : namePrefixes) {
        if (name.startsWith(prefix)) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      return false; // the thread has ended
    }
  }

  private static long cpuMillis(Path statFile) {
    try {
      String stat = Files.readString(statFile);
      // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime: fields 14 and 15
      return ticks * 1000 / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
