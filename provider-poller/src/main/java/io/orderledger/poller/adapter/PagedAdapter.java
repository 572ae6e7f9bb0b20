package io.orderledger.poller.adapter;

import io.orderledger.events.OrderSnapshot;
import io.orderledger.events.RejectReason;
import io.orderledger.poller.http.UpstreamFailure;
import io.orderledger.poller.http.UpstreamHttp;
import io.orderledger.poller.http.UpstreamResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the four adapters share: fetching a page through the resilient client, parsing it, mapping each order on it
 * and keeping score of the scan. A subclass says how to page and how to map one order.
 */
abstract class PagedAdapter implements SourceAdapter {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  protected final SourceConfig source;
  protected final UpstreamHttp http;
  protected final LongSupplier clock;

  PagedAdapter(SourceConfig source, UpstreamHttp http, LongSupplier clock) {
    this.source = source;
    this.http = http;
    this.clock = clock;
  }

  @Override
  public SourceConfig source() {
    return source;
  }

  /** Maps one order; {@code observedAt} stands in for the update time when the API has none. */
  protected abstract Observation map(JsonNode order, long position, long observedAt);

  /** Best effort, for a reject's key: the native id of an order that could not be mapped. */
  protected abstract String nativeIdOf(JsonNode order);

  /** The score of one scan in progress. */
  protected final class Scan {
    final List<Observation> observations = new ArrayList<>();
    final List<UpstreamReject> rejects = new ArrayList<>();
    final Set<String> seen = new HashSet<>();
    String incomplete;
    int pages;
    /** The response of the page read last, for a reject that needs its raw bytes. */
    UpstreamResponse lastResponse;

    /**
     * Fetches and parses one page.
     *
     * @return the page's JSON, or null when the scan must stop here (the reason is recorded)
     */
    JsonNode fetch(URI uri, Map<String, String> headers, boolean notFoundIsEmpty) {
      UpstreamResponse response;
      try {
        response = http.get(uri, headers, notFoundIsEmpty);
      } catch (UpstreamFailure failure) {
        stop("page " + (pages + 1) + " failed: " + failure.kind().tag() + " (" + failure.getMessage() + ")");
        return null;
      }
      pages++;
      lastResponse = response;
      if (response.status() == 404) {
        return JSON.createArrayNode();
      }
      try {
        return JSON.readTree(response.body());
      } catch (JacksonException e) {
        rejectPage(response.body(), "page " + pages + " from " + uri + " is not valid JSON: " + e.getOriginalMessage());
        return null;
      }
    }

    /** The page is not what the API promises: it goes to the rejects topic whole, and the scan stops. */
    void rejectPage(byte[] body, String detail) {
      rejects.add(new UpstreamReject(RejectReason.UPSTREAM_MALFORMED_PAYLOAD, detail, body, null));
      stop(detail);
    }

    /** True once the scan cannot be trusted to be complete: reading on would not make it so. */
    boolean stopped() {
      return incomplete != null;
    }

    void stop(String reason) {
      if (incomplete == null) {
        incomplete = reason;
      }
    }

    /** Maps a page's orders. A page whose every order was already read in this scan is a repeat: the page it replaced was missed. */
    void addPage(JsonNode orders, long firstPosition) {
      long observedAt = clock.getAsLong();
      int fresh = 0;
      int index = 0;
      for (JsonNode order : orders) {
        try {
          Observation observation = map(order, firstPosition < 0 ? -1 : firstPosition + index, observedAt);
          if (seen.add(observation.orderId())) {
            fresh++;
          }
          observations.add(observation);
        } catch (MappingException e) {
          fresh++;
          String nativeId = safeNativeId(order);
          rejects.add(new UpstreamReject(e.reason(), e.getMessage() + (nativeId == null ? "" : " (order " + nativeId + ")"),
              order.toString().getBytes(StandardCharsets.UTF_8), nativeId == null ? null : source.orderId(nativeId)));
        }
        index++;
      }
      if (index > 0 && fresh == 0) {
        stop("page " + pages + " repeated orders already read in this scan");
      }
    }

    private String safeNativeId(JsonNode order) {
      try {
        return order.isObject() ? nativeIdOf(order) : null;
      } catch (RuntimeException e) {
        return null;
      }
    }

    ScanResult result() {
      return new ScanResult(observations, rejects, incomplete, pages);
    }
  }

  /** A snapshot builder with what every shape sets. */
  protected OrderSnapshot.Builder snapshot(String nativeId, long createdAt, long updatedAt) {
    return OrderSnapshot.newBuilder()
        .setOrderId(source.orderId(nativeId))
        .setCreatedAt(createdAt)
        .setUpdatedAt(updatedAt)
        .setIsBulkOrder(false);
  }

  protected static String encode(String value) {
    return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
