package io.orderledger.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop HTTP load at fixed concurrency: each worker sends its next request as soon as the last is answered,
 * over keep-alive connections. Reports throughput and latency percentiles; any non-200 answer fails the run.
 */
final class HttpLoad {

  /** Throughput in requests/s and latency in microseconds. */
  record Result(String name, double throughput, long p50, long p99, long p999, double meanBytes) {
    @Override
    public String toString() {
      return String.format("%-28s %,10.0f req/s   p50 %,7d µs   p99 %,7d µs   p99.9 %,7d µs   %,8.0f bytes", name, throughput, p50, p99, p999, meanBytes);
    }
  }

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private final String apiKey;

  HttpLoad(String apiKey) {
    this.apiKey = apiKey;
  }

  /** Runs {@code warmup} then measures for {@code duration}; {@code paths} picks each request's path and query. */
  Result run(String name, String base, Function<ThreadLocalRandom, String> paths, int concurrency, Duration warmup, Duration duration)
      throws InterruptedException {
    AtomicLong phase = new AtomicLong(0); // 0 warmup, 1 measuring, 2 done
    List<Histogram> histograms = new ArrayList<>();
    List<long[]> counters = new ArrayList<>();
    List<Thread> workers = new ArrayList<>();
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < concurrency; i++) {
      Histogram histogram = new Histogram(60_000_000L, 3);
      long[] counter = new long[2];
      histograms.add(histogram);
      counters.add(counter);
      Thread worker = new Thread(() -> {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (phase.get() < 2) {
          HttpRequest request = HttpRequest.newBuilder(URI.create(base + paths.apply(random))).header("X-API-KEY", apiKey).GET().build();
          long start = System.nanoTime();
          try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            long micros = (System.nanoTime() - start) / 1_000;
            if (response.statusCode() != 200) {
              throw new IllegalStateException(name + ": HTTP " + response.statusCode() + " " + new String(response.body()));
            }
            if (phase.get() == 1) {
              histogram.recordValue(Math.min(micros, 59_999_999L));
              counter[0]++;
              counter[1] += response.body().length;
            }
          } catch (Exception e) {
            failures.add(e);
            return;
          }
        }
      }, "load-" + name + "-" + i);
      workers.add(worker);
      worker.start();
    }
    Thread.sleep(warmup.toMillis());
    phase.set(1);
    long start = System.nanoTime();
    Thread.sleep(duration.toMillis());
    phase.set(2);
    long elapsed = System.nanoTime() - start;
    for (Thread worker : workers) {
      worker.join();
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException("load failed", failures.get(0));
    }
    Histogram all = new Histogram(60_000_000L, 3);
    long requests = 0;
    long bytes = 0;
    for (int i = 0; i < concurrency; i++) {
      all.add(histograms.get(i));
      requests += counters.get(i)[0];
      bytes += counters.get(i)[1];
    }
    return new Result(name, requests / (elapsed / 1e9), all.getValueAtPercentile(50), all.getValueAtPercentile(99),
        all.getValueAtPercentile(99.9), requests == 0 ? 0 : (double) bytes / requests);
  }
}
