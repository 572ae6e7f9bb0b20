package io.orderledger.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * A client reading the API the whole time a fault lasts, from its own thread: every {@code every} it lists a key's
 * newest orders. It records each answer's status and latency and the data's age ({@code X-Data-Age}), and every
 * answer that contradicts an earlier one: an order shown back in a state it had left (no order's state returns).
 *
 * <p>Given several query instances it reads through them as a load balancer in front of them would: round robin over
 * the instances whose readiness said UP at its last look (every 250 ms), and a request whose connection failed
 * (refused, reset: the instance was stopping) tried once more on another instance, as a proxy retries an idempotent
 * GET. A request is failed if its answer is not 200, or if the second try fails too.
 */
final class ApiWatch implements AutoCloseable {

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "api-watch");
    thread.setDaemon(true);
    return thread;
  });
  private final List<URI> instances;
  private final List<URI> readiness;
  private final boolean[] ready;
  private int next;
  private int retried;
  private final int[] answeredBy;
  private final String key;
  private final List<Long> millis = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();
  private final List<Contradiction> contradictions = new ArrayList<>();
  /** Order id → the states it has shown, in the order seen (each once). */
  private final Map<String, List<String>> statesSeen = new HashMap<>();
  /** Order id → the answer that last moved its state on. */
  private final Map<String, Answered> lastMovedBy = new HashMap<>();
  private final long started = System.nanoTime();
  /** X-Served-By → how many answers said it. */
  private final Map<String, Integer> servedBy = new java.util.TreeMap<>();
  private long maxAge;

  private ApiWatch(List<String> apiUrls, List<String> managementUrls, String key) {
    this.instances = apiUrls.stream().map(url -> URI.create(url + "/api/v1/orders?orderType=all&limit=50")).toList();
    this.readiness = managementUrls.stream().map(url -> URI.create(url + "/actuator/health/readiness")).toList();
    this.ready = new boolean[instances.size()];
    java.util.Arrays.fill(ready, true);
    this.answeredBy = new int[instances.size()];
    this.key = key;
  }

  /** One instance, read directly. */
  static ApiWatch start(LocalStack stack, String key, Duration every) {
    ApiWatch watch = new ApiWatch(List.of(stack.apiUrl()), List.of(), key);
    watch.clock.scheduleWithFixedDelay(watch::read, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    return watch;
  }

  /** Every query instance of the stack, through a balancer that follows their readiness. */
  static ApiWatch startBalanced(LocalStack stack, String key, Duration every) {
    List<String> apis = new ArrayList<>();
    List<String> managements = new ArrayList<>();
    for (int n = 1; n <= stack.instances(); n++) {
      apis.add(stack.apiUrl(n));
      managements.add(stack.managementUrl(n));
    }
    ApiWatch watch = new ApiWatch(apis, managements, key);
    watch.clock.scheduleWithFixedDelay(watch::lookAtReadiness, 0, 250, TimeUnit.MILLISECONDS);
    watch.clock.scheduleWithFixedDelay(watch::read, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    return watch;
  }

  private void lookAtReadiness() {
    for (int i = 0; i < readiness.size(); i++) {
      boolean up;
      try {
        up = http.send(HttpRequest.newBuilder(readiness.get(i)).timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding())
            .statusCode() == 200;
      } catch (Exception e) {
        up = false;
      }
      synchronized (this) {
        ready[i] = up;
      }
    }
  }

  /** The next instance in turn that is ready (any, if none is), other than {@code not}. */
  private synchronized int pick(int not) {
    for (int tried = 0; tried < instances.size(); tried++) {
      int candidate = next++ % instances.size();
      if (candidate != not && ready[candidate]) {
        return candidate;
      }
    }
    int any = next++ % instances.size();
    return any == not && instances.size() > 1 ? (any + 1) % instances.size() : any;
  }

  private HttpResponse<String> send(int instance) throws Exception {
    return http.send(HttpRequest.newBuilder(instances.get(instance)).header("X-API-KEY", key).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private void read() {
    long start = System.nanoTime();
    try {
      int instance = pick(-1);
      HttpResponse<String> answer;
      try {
        answer = send(instance);
      } catch (java.io.IOException connectionFailed) {
        if (instances.size() == 1) {
          throw connectionFailed;
        }
        synchronized (this) {
          retried++;
        }
        instance = pick(instance);
        answer = send(instance);
      }
      long took = (System.nanoTime() - start) / 1_000_000;
      synchronized (this) {
        millis.add(took);
        answeredBy[instance]++;
        if (answer.statusCode() != 200) {
          failures.add("instance " + (instance + 1) + " (" + answer.headers().firstValue("X-Served-By").orElse("?") + "): "
              + answer.statusCode() + " " + answer.body());
          return;
        }
        maxAge = Math.max(maxAge, answer.headers().firstValue("X-Data-Age").map(Long::parseLong).orElse(0L));
        Answered by = new Answered(elapsedSeconds(), instance + 1, answer.headers().firstValue("X-Served-By").orElse("?"));
        servedBy.merge(by.servedBy(), 1, Integer::sum);
        for (JsonNode order : StackChecks.JSON.readTree(answer.body()).get("data").get("orders")) {
          String id = order.get("_id").asString();
          String state = order.get("state").asString();
          List<String> seen = statesSeen.computeIfAbsent(id, k -> new ArrayList<>());
          if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(state)) {
            if (seen.contains(state)) {
              contradictions.add(new Contradiction(id + " back to " + state + " after " + seen, by, lastMovedBy.get(id)));
            }
            seen.add(state);
            lastMovedBy.put(id, by);
          }
        }
      }
    } catch (Exception e) {
      synchronized (this) {
        millis.add((System.nanoTime() - start) / 1_000_000);
        failures.add(e.toString());
      }
    }
  }

  /**
   * One answer: when it arrived (seconds since the watch began), from which instance (1-based), and which copy there
   * answered ({@code X-Served-By}: active, standby, or forwarded to the other instance).
   */
  record Answered(double at, int instance, String servedBy) {

    /** Whether the answer came from instance {@code n}'s active copy, directly or through the other instance. */
    boolean fromActiveOf(int n) {
      return instance == n ? servedBy.equals("active") : servedBy.equals("forwarded");
    }

    @Override
    public String toString() {
      return String.format("%.1f s, instance %d, %s", at, instance, servedBy);
    }
  }

  /** An order shown back in a state it had left: the answer that did so, and the one that had moved it on. */
  record Contradiction(String what, Answered answer, Answered movedOn) {

    @Override
    public String toString() {
      return what + " (answered " + answer + "; moved on " + movedOn + ")";
    }
  }

  /** Seconds since the watch began: the clock its contradictions are told in. */
  double elapsedSeconds() {
    return (System.nanoTime() - started) / 1e9;
  }

  /** What the watch saw so far. */
  synchronized Summary summary() {
    List<Long> sorted = new ArrayList<>(millis);
    sorted.sort(null);
    long p50 = sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
    long p99 = sorted.isEmpty() ? 0 : sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1);
    return new Summary(sorted.size(), List.copyOf(failures), List.copyOf(contradictions), p50, p99, maxAge, retried, answeredBy.clone(),
        Map.copyOf(servedBy));
  }

  /**
   * @param retried requests whose first connection failed and that a second instance answered or failed
   * @param answeredBy how many answers each instance gave (index n - 1)
   * @param servedBy how many answers came from an active copy, a standby, or the other instance ({@code X-Served-By})
   */
  record Summary(int requests, List<String> failures, List<Contradiction> contradictions, long p50, long p99, long maxAge, int retried,
                 int[] answeredBy, Map<String, Integer> servedBy) {
    String line() {
      return String.format("%d API requests, %d failed, %d contradicting an earlier answer, p50 %d ms, p99 %d ms, data at most %d s old%s",
          requests, failures.size(), contradictions.size(), p50, p99, maxAge, answeredBy.length < 2 ? ""
              : String.format(" (answered by the instances %s, served %s; %d retried on another after a failed connection)",
                  java.util.Arrays.toString(answeredBy), new java.util.TreeMap<>(servedBy), retried));
    }
  }

  @Override
  public void close() throws InterruptedException {
    clock.shutdownNow();
    clock.awaitTermination(15, TimeUnit.SECONDS);
  }
}
