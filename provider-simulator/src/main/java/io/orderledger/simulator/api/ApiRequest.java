package io.orderledger.simulator.api;

import java.util.List;
import java.util.Map;

/**
 * A request to one source, its path relative to the source's base URL ({@code /api/v1/orders}).
 *
 * @param query every value of every query parameter, in order ({@code createdAt} appears twice in seed 003)
 */
public record ApiRequest(String method, String path, Map<String, List<String>> query, Map<String, List<String>> headers) {

  public String param(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  public List<String> params(String name) {
    return query.getOrDefault(name, List.of());
  }

  /** Header lookup, case-insensitive as HTTP says. */
  public String header(String name) {
    for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
      if (entry.getKey() != null && entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
        return entry.getValue().get(0);
      }
    }
    return null;
  }

  /** An integer parameter, its default when absent, or null when it is not a number. */
  public Integer intParam(String name, int defaultValue) {
    String value = param(name);
    if (value == null || value.isBlank()) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
