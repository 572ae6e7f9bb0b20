package io.orderledger.local;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

/**
 * One service of the local stack as a child process that is started again when it exits without being asked to,
 * after a backoff that doubles with each recent restart. A service that crash-loops (more restarts than the policy
 * allows within its window) is not started again: the supervisor reports it as given up, and the stack stops.
 * A service that was asked to stop is never restarted.
 */
final class SupervisedService {

  /** Starts the service's process; called again for every restart. */
  @FunctionalInterface
  interface Launcher {
    Process launch() throws Exception;
  }

  /** What the supervisor tells the person running the stack. */
  interface Listener {

    void restarting(String service, String exit, int restart, Duration backoff);

    void restarted(String service, long pid);

    void gaveUp(String service, String exit, String why);
  }

  /**
   * @param maxRestarts  restarts allowed within {@code window}; one more exit in it and the supervisor gives up
   * @param firstBackoff the wait before the first restart, doubled for each restart still inside the window
   */
  record Policy(int maxRestarts, Duration window, Duration firstBackoff, Duration maxBackoff) {

    static final Policy DEFAULT = new Policy(5, Duration.ofMinutes(2), Duration.ofSeconds(1), Duration.ofSeconds(16));

    Duration backoff(int recentRestarts) {
      long millis = firstBackoff.toMillis() << Math.min(recentRestarts, 20);
      return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }
  }

  private final String name;
  private final Launcher launcher;
  private final Policy policy;
  private final Listener listener;
  private final Deque<Long> restartTimes = new ArrayDeque<>();
  private volatile Process process;
  private volatile boolean stopping;
  private volatile String gaveUp;
  private volatile int restarts;
  private Thread watcher;

  SupervisedService(String name, Launcher launcher, Policy policy, Listener listener) {
    this.name = name;
    this.launcher = launcher;
    this.policy = policy;
    this.listener = listener;
  }

  /** Starts the process (a failure to start it the first time is the caller's) and begins watching it. */
  synchronized void start() throws Exception {
    process = launcher.launch();
    watcher = new Thread(this::watch, "supervisor-" + name);
    watcher.setDaemon(true);
    watcher.start();
  }

  String name() {
    return name;
  }

  /** The running process's id, or -1 while it is between a crash and its restart. */
  long pid() {
    Process current = process;
    return current != null && current.isAlive() ? current.pid() : -1;
  }

  int restarts() {
    return restarts;
  }

  /** Why the supervisor stopped restarting this service, or null while it is supervised. */
  String gaveUp() {
    return gaveUp;
  }

  private void watch() {
    while (!stopping) {
      Process current = process;
      int code;
      try {
        code = current.waitFor();
      } catch (InterruptedException e) {
        return;
      }
      if (stopping) {
        return;
      }
      String exit = describe(code);
      long now = System.nanoTime();
      synchronized (this) {
        while (!restartTimes.isEmpty() && now - restartTimes.peekFirst() > policy.window().toNanos()) {
          restartTimes.removeFirst();
        }
        if (restartTimes.size() >= policy.maxRestarts()) {
          giveUp(exit, exit + ", after " + restartTimes.size() + " restarts within " + policy.window().toSeconds() + " s");
          return;
        }
      }
      Duration backoff = policy.backoff(restartTimes.size());
      listener.restarting(name, exit, restarts + 1, backoff);
      try {
        Thread.sleep(backoff.toMillis());
      } catch (InterruptedException e) {
        return;
      }
      synchronized (this) {
        if (stopping) {
          return;
        }
        try {
          process = launcher.launch();
        } catch (Exception e) {
          giveUp(exit, "could not be started again: " + e.getMessage());
          return;
        }
        restartTimes.addLast(System.nanoTime());
        restarts++;
      }
      listener.restarted(name, process.pid());
    }
  }

  /**
   * Tells the listener first, then publishes the reason: whoever sees {@link #gaveUp()} set (the stack's watch of its
   * services, a test) finds what the listener was told already done.
   */
  private void giveUp(String exit, String why) {
    listener.gaveUp(name, exit, why);
    gaveUp = why;
  }

  /** Asks the process to stop (SIGTERM), without restarting it; the caller waits with {@link #awaitStopped}. */
  void stop() {
    synchronized (this) {
      stopping = true;
    }
    if (watcher != null) {
      watcher.interrupt();
    }
    Process current = process;
    if (current != null) {
      current.destroy();
    }
  }

  /** Waits for the process to exit after {@link #stop}, killing it when it overruns its grace period. */
  void awaitStopped(Duration grace) {
    Process current = process;
    if (current == null) {
      return;
    }
    try {
      if (!current.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        current.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      current.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** An exit code as a person reads it: 137 is "killed by SIGKILL" (128 + 9), as a shell reports it. */
  static String describe(int code) {
    if (code > 128 && code < 160) {
      int signal = code - 128;
      String named = switch (signal) {
        case 9 -> "SIGKILL";
        case 15 -> "SIGTERM";
        case 6 -> "SIGABRT";
        case 11 -> "SIGSEGV";
        case 2 -> "SIGINT";
        case 1 -> "SIGHUP";
        default -> "signal " + signal;
      };
      return "exit " + code + ": killed by " + named;
    }
    return "exit " + code;
  }
}
