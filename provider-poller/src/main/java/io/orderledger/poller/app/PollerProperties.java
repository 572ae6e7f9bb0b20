package io.orderledger.poller.app;

import io.orderledger.events.topic.TopicNames;
import io.orderledger.poller.adapter.ApiShape;
import io.orderledger.poller.adapter.SourceConfig;
import io.orderledger.poller.http.ResilienceSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code poller.*}: the sources to watch, the topics, and how patiently to talk to upstream APIs. Every value can come
 * from the environment, for example {@code POLLER_SOURCES_0_BASE_URL}.
 */
@ConfigurationProperties("poller")
public record PollerProperties(
    @DefaultValue("order-ledger-poller") String transactionalIdPrefix,
    @DefaultValue("250ms") Duration interval,
    @DefaultValue Topics topics,
    @DefaultValue Http http,
    List<Source> sources) {

  public record Topics(
      @DefaultValue(TopicNames.ORDER_EVENTS) String orderEvents,
      @DefaultValue(TopicNames.ORDER_EVENTS_REJECTED) String rejected,
      @DefaultValue(TopicNames.POLLER_CHECKPOINTS) String checkpoints,
      @DefaultValue("true") boolean create,
      @DefaultValue("12") int partitions,
      @DefaultValue("1") short replicationFactor,
      @DefaultValue("1") int minInsyncReplicas) {
  }

  public record Http(
      @DefaultValue("2s") Duration connectTimeout,
      @DefaultValue("10s") Duration requestTimeout,
      @DefaultValue("6") int maxAttempts,
      @DefaultValue("50ms") Duration initialBackoff,
      @DefaultValue("5s") Duration maxBackoff,
      @DefaultValue("30s") Duration maxRetryAfter,
      @DefaultValue("16777216") int maxResponseBytes,
      @DefaultValue("60") float breakerFailureRate,
      @DefaultValue("50") int breakerWindow,
      @DefaultValue("5s") Duration breakerOpenFor) {

    ResilienceSettings settings() {
      return new ResilienceSettings(connectTimeout, requestTimeout, maxAttempts, initialBackoff, maxBackoff, maxRetryAfter,
          maxResponseBytes, breakerFailureRate, breakerWindow, breakerOpenFor);
    }
  }

  /** One upstream source; see {@link SourceConfig} for what each field means. */
  public record Source(String id, ApiShape shape, URI baseUrl, String partnerId, String apiKey, String apiSecret,
                       @DefaultValue("100") int pageSize, @DefaultValue("10m") Duration settleWindow) {

    SourceConfig config() {
      return new SourceConfig(id, shape, baseUrl, partnerId, apiKey, apiSecret, pageSize, settleWindow);
    }
  }

  public List<Source> sources() {
    return sources == null ? List.of() : sources;
  }
}
