package io.orderledger.benchmarks;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * The CPU the query service's request threads spend per request answered, in the JVM that hosts it. A rate on two
 * shared cores moves with whatever else runs; the CPU one request costs the server moves much less, so this is the
 * figure that shows a change to the read path. Requests are Micrometer's {@code http.server.requests} count; CPU is
 * the sum over Tomcat's request threads of the API's port (a thread that ends between two marks loses its share, and
 * Tomcat keeps its threads while the load lasts).
 */
final class ApiCpu {

  /** Where the counts stood at one moment. */
  record Mark(long cpuNanos, long requests) {
  }

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final MeterRegistry registry;
  private final String threadPrefix;

  ApiCpu(MeterRegistry registry, int apiPort) {
    this.registry = registry;
    this.threadPrefix = "http-nio-" + apiPort + "-exec-";
  }

  Mark mark() {
    long cpu = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().startsWith(threadPrefix)) {
        long nanos = threads.getThreadCpuTime(info.getThreadId());
        cpu += Math.max(0, nanos);
      }
    }
    long requests = registry.find("http.server.requests").timers().stream().mapToLong(Timer::count).sum();
    return new Mark(cpu, requests);
  }

  /** Microseconds of the request threads' CPU per request answered since {@code before}. */
  double microsPerRequestSince(Mark before) {
    Mark now = mark();
    long requests = now.requests() - before.requests();
    return requests == 0 ? Double.NaN : (now.cpuNanos() - before.cpuNanos()) / 1_000.0 / requests;
  }
}
