package io.orderledger.benchmarks.freshness;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The garbage collectors' stop-the-world pauses of the stack's services, from each one's {@code jvm.gc.pause} meter on
 * its operations port: while a service's JVM is paused its stream thread neither folds nor materialises and its API
 * does not answer, so a pause is latency that no stage's own timing shows.
 */
public final class GcPauses {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Pauses so far: how many and their total, in whole microseconds. */
  public record Sample(long count, long totalMicros) {
  }

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final Map<String, String> metricsUrls;

  /** @param operationsUrls each service's operations base URL ({@code http://127.0.0.1:port}), by a name for the report */
  public GcPauses(Map<String, String> operationsUrls) {
    this.metricsUrls = new LinkedHashMap<>();
    operationsUrls.forEach((name, base) -> metricsUrls.put(name, base + "/actuator/metrics/jvm.gc.pause"));
  }

  /** Each service's pauses so far (a service that did not answer within 10 s is left out, and reported as not read). */
  public Map<String, Sample> sample() {
    Map<String, Sample> samples = new LinkedHashMap<>();
    metricsUrls.forEach((name, url) -> {
      JsonNode meter = read(url);
      if (meter != null) {
        samples.put(name, new Sample(Math.round(measurement(meter, "COUNT")),
            Math.round(measurement(meter, "TOTAL_TIME") * 1_000_000)));
      }
    });
    return samples;
  }

  /**
   * The longest pause each service reported recently: Micrometer's MAX decays over its distribution window (two
   * minutes by default), so read right after a window it covers that window.
   */
  public Map<String, Double> recentMaxMillis() {
    Map<String, Double> max = new LinkedHashMap<>();
    metricsUrls.forEach((name, url) -> {
      JsonNode meter = read(url);
      if (meter != null) {
        max.put(name, measurement(meter, "MAX") * 1000);
      }
    });
    return max;
  }

  /** One line per report: the pauses between two samples, per service. */
  public static String describe(Map<String, Sample> before, Map<String, Sample> after, Map<String, Double> recentMax) {
    StringBuilder line = new StringBuilder();
    java.util.Set<String> names = new java.util.LinkedHashSet<>(before.keySet());
    names.addAll(after.keySet());
    for (String name : names) {
      Sample start = before.get(name);
      Sample end = after.get(name);
      if (start == null || end == null) {
        line.append(String.format(" %s not read (its operations port did not answer),", name));
      } else {
        line.append(String.format(" %s %d (%,.0f ms, longest %.0f ms),", name, end.count() - start.count(),
            (end.totalMicros() - start.totalMicros()) / 1000.0, recentMax.getOrDefault(name, Double.NaN)));
      }
    }
    return line.isEmpty() ? " none measured" : line.substring(0, line.length() - 1);
  }

  private static double measurement(JsonNode meter, String statistic) {
    for (JsonNode measurement : meter.path("measurements")) {
      if (statistic.equals(measurement.path("statistic").asString())) {
        return measurement.path("value").asDouble();
      }
    }
    return 0;
  }

  private JsonNode read(String url) {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    } catch (java.io.IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
