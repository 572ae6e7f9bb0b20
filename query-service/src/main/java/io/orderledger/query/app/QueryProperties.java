package io.orderledger.query.app;

import io.orderledger.events.topic.TopicNames;
import io.orderledger.events.topic.TopicSettings;
import io.orderledger.query.store.QueryTopics;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The query service's settings ({@code query.*}). Kafka and Kafka Streams settings are Spring Boot's
 * {@code spring.kafka.*}; set {@code spring.kafka.streams.properties.application.server} to this instance's
 * host:port when running several, and {@code num.standby.replicas} to keep warm copies.
 *
 * @param apiKeys the accepted keys, as SHA-256 hashes only
 * @param cursorSecret HMAC secret for continue cursors, the same on every instance; a random one per process when unset
 * @param standbyReads answer from a standby replica while a partition has no active instance
 * @param forwardTimeout how long to wait for the instance that owns a partner's partition
 */
@ConfigurationProperties("query")
public record QueryProperties(
    @DefaultValue Topics topics,
    @DefaultValue List<ApiKey> apiKeys,
    String cursorSecret,
    @DefaultValue RateLimit rateLimit,
    @DefaultValue("true") boolean standbyReads,
    @DefaultValue("5s") Duration forwardTimeout) {

  /**
   * @param create create the topics if the ledger has not yet (same layout as the ledger's)
   * @param partitions must equal the ledger's
   */
  public record Topics(
      @DefaultValue(TopicNames.ORDER_VIEWS) String orderViews,
      @DefaultValue(TopicNames.WALLET_JOURNAL) String walletJournal,
      @DefaultValue(TopicNames.LEDGER_DECISIONS) String decisions,
      @DefaultValue(TopicNames.ORDER_EVENTS) String orderEvents,
      @DefaultValue(TopicNames.WALLET_DISCREPANCIES) String discrepancies,
      @DefaultValue("true") boolean create,
      @DefaultValue("12") int partitions,
      @DefaultValue("1") short replicationFactor,
      @DefaultValue("1") int minInsyncReplicas) {

    public QueryTopics names() {
      return new QueryTopics(orderViews, walletJournal, decisions, orderEvents, discrepancies);
    }

    public TopicSettings settings() {
      return new TopicSettings(create, partitions, replicationFactor, minInsyncReplicas);
    }
  }

  /**
   * @param keySha256 hex SHA-256 of the key; the key itself is never configured
   * @param permissions {@code orders:read}, {@code wallet:read}, {@code audit:read} (histories, statements, asOf)
   */
  public record ApiKey(String partnerId, String keySha256, @DefaultValue({"orders:read", "wallet:read", "audit:read"}) Set<String> permissions) {
  }

  /** Per API key, per instance. */
  public record RateLimit(@DefaultValue("true") boolean enabled, @DefaultValue("50") long perSecond, @DefaultValue("100") long burst) {
  }
}
