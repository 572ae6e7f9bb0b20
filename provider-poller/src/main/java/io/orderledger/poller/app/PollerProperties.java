package io.orderledger.poller.app;

import io.orderledger.events.MoneyFlow;
import io.orderledger.events.topic.TopicNames;
import io.orderledger.events.topic.TopicSettings;
import io.orderledger.poller.http.ResilienceSettings;
import io.orderledger.poller.source.AmountUnit;
import io.orderledger.poller.source.DetailFetch;
import io.orderledger.poller.source.RedactionRules;
import io.orderledger.poller.source.SourceConfig;
import io.orderledger.poller.sources.SupportedSources;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import io.orderledger.poller.ingest.ScanPlan;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code poller.*}: the sources to watch, the topics, and how patiently to talk to upstream APIs. Every value can come
 * from the environment, for example {@code POLLER_SOURCES_0_BASE_URL}.
 *
 * @param redactionKey the HMAC key for source fields configured to be hashed ({@code POLLER_REDACTION_KEY}); the
 *     same on every poller, so the same value hashes the same
 */
@ConfigurationProperties("poller")
public record PollerProperties(
    @DefaultValue("order-ledger-poller") String transactionalIdPrefix,
    @DefaultValue("250ms") Duration interval,
    @DefaultValue Scan scan,
    @DefaultValue Topics topics,
    @DefaultValue Http http,
    String redactionKey,
    List<Source> sources) {

  /**
   * How much of its window each cycle reads ({@link ScanPlan}): by default the whole window once a second at the
   * 250 ms interval, and the last 10 s of orders in the cycles between.
   */
  public record Scan(@DefaultValue("4") int wholeEvery, @DefaultValue("10s") Duration youngHorizon) {

    public ScanPlan plan() {
      return new ScanPlan(wholeEvery, youngHorizon);
    }
  }

  public record Topics(
      @DefaultValue(TopicNames.ORDER_EVENTS) String orderEvents,
      @DefaultValue(TopicNames.ORDER_EVENTS_REJECTED) String rejected,
      @DefaultValue(TopicNames.POLLER_CHECKPOINTS) String checkpoints,
      @DefaultValue("true") boolean create,
      @DefaultValue(TopicSettings.DEFAULT_PARTITIONS) int partitions,
      @DefaultValue("1") short replicationFactor,
      @DefaultValue("1") int minInsyncReplicas) {

    public TopicSettings settings() {
      return new TopicSettings(create, partitions, replicationFactor, minInsyncReplicas);
    }
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

    /** @param maxRequestsPerSecond the source's own budget, 0 for none */
    ResilienceSettings settings(int maxRequestsPerSecond) {
      return new ResilienceSettings(connectTimeout, requestTimeout, maxAttempts, initialBackoff, maxBackoff, maxRetryAfter,
          maxResponseBytes, breakerFailureRate, breakerWindow, breakerOpenFor, maxRequestsPerSecond);
    }
  }

  /**
   * One upstream source; see {@link SourceConfig} for what each field means.
   *
   * @param shape which upstream API: netconnect, gift_card, esim or paystack ({@link SupportedSources})
   * @param moneyFlow purchase or sale; the shape's default when unset (Paystack: sale)
   * @param redact source fields to drop or hash before they reach Kafka
   * @param maxRequestsPerSecond the source's request budget, pages and single-order calls together; 0 for none
   * @param detailRefresh how often an open order's single-order answer is read again though its list entry is unchanged
   * @param amountUnit what the eSIM provider's integer totals count: minor (default) or major units
   */
  public record Source(String id, String shape, URI baseUrl, String partnerId, String apiKey, String apiSecret,
                       @DefaultValue("100") int pageSize, @DefaultValue("10m") Duration settleWindow, MoneyFlow moneyFlow,
                       @DefaultValue("auto") DetailFetch fetchDetails, @DefaultValue Redact redact,
                       @DefaultValue("0") int maxRequestsPerSecond, @DefaultValue("60s") Duration detailRefresh,
                       @DefaultValue("minor") AmountUnit amountUnit) {

    SourceConfig config(String redactionKey) {
      RedactionRules rules = new RedactionRules(redact.drop(), redact.hash(),
          redactionKey == null ? null : redactionKey.getBytes(StandardCharsets.UTF_8));
      return new SourceConfig(id, SupportedSources.named(shape), baseUrl, partnerId, apiKey, apiSecret, pageSize, settleWindow, moneyFlow, fetchDetails, rules,
          detailRefresh, amountUnit);
    }
  }

  /** @param drop paths removed from the source's record; @param hash paths replaced by their keyed hash */
  public record Redact(@DefaultValue({}) List<String> drop, @DefaultValue({}) List<String> hash) {
  }

  public List<Source> sources() {
    return sources == null ? List.of() : sources;
  }
}
