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
 * @param standbyCatchUpWait how long a request answered by a standby here may wait for the standby to reach what its
 *     changelog held when the request arrived; past it the answer is 503 with Retry-After
 * @param forwardTimeout how long to wait for the instance that owns a partner's partition
 * @param ledgerMacKey the ledger's MAC secret (Base64), the same as the ledger's {@code ledger.mac-key}: a record of the
 *     ledger's topics that does not carry its seal is refused ({@code QUERY_LEDGER_MAC_KEY}, never on a command line)
 * @param ledgerPublicKey the ledger's checkpoint public key (Base64 X.509): checkpoints are checked with it and it is
 *     served at {@code /api/v1/ledger/public-key}; without it, checkpoints are shown as unchecked
 * @param clusterSecret Base64, 32 bytes or more, the same on every instance ({@code QUERY_CLUSTER_SECRET}): what an
 *     instance signs a request it passes on to another with; required when {@code application.server} is set
 * @param authFailures how many failed authentications a client address may make before it is refused for a while
 * @param health when readiness says the service cannot keep its stores current
 */
@ConfigurationProperties("query")
public record QueryProperties(
    @DefaultValue Topics topics,
    @DefaultValue List<ApiKey> apiKeys,
    String cursorSecret,
    @DefaultValue RateLimit rateLimit,
    @DefaultValue("true") boolean standbyReads,
    @DefaultValue("2s") Duration standbyCatchUpWait,
    @DefaultValue("5s") Duration forwardTimeout,
    String ledgerMacKey,
    String ledgerPublicKey,
    String clusterSecret,
    @DefaultValue AuthFailures authFailures,
    @DefaultValue Health health) {

  /**
   * @param stallAfter readiness goes DOWN once the service has been blocked (an input partition without a leader, a
   *     changelog short of in-sync replicas, Kafka unreachable) or stalled (input waiting, nothing committed) for longer;
   *     reads go on from the stores meanwhile, with their age in {@code X-Data-Age}
   * @param sampleEvery how often it looks (Kafka's Admin API)
   */
  public record Health(@DefaultValue("30s") Duration stallAfter, @DefaultValue("2s") Duration sampleEvery) {
  }

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
      @DefaultValue(TopicNames.LEDGER_CHECKPOINTS) String checkpoints,
      @DefaultValue("true") boolean create,
      @DefaultValue(TopicSettings.DEFAULT_PARTITIONS) int partitions,
      @DefaultValue("1") short replicationFactor,
      @DefaultValue("1") int minInsyncReplicas) {

    public QueryTopics names() {
      return new QueryTopics(orderViews, walletJournal, decisions, orderEvents, discrepancies, checkpoints);
    }

    public TopicSettings settings() {
      return new TopicSettings(create, partitions, replicationFactor, minInsyncReplicas);
    }
  }

  /**
   * @param keySalt a random salt for this key ({@code openssl rand -hex 16}); a key without one is accepted and warned about
   * @param keySha256 hex SHA-256 of {@code <salt>:<key>} ({@code printf '%s:%s' "$salt" "$key" | sha256sum}), or of the key
   *     alone when it has no salt; the key itself is never configured
   * @param permissions {@code orders:read} and {@code wallet:read} unless set; {@code audit:read} (histories with the
   *     sources' records, statements, asOf) only when granted
   */
  public record ApiKey(String partnerId, String keySalt, String keySha256,
                       @DefaultValue({"orders:read", "wallet:read"}) Set<String> permissions) {
  }

  /**
   * @param perMinute failed authentications a client address regains per minute
   * @param burst how many it may make in a row before it is refused (429) until it regains one
   */
  public record AuthFailures(@DefaultValue("30") long perMinute, @DefaultValue("20") long burst) {
  }

  /** What the service trusts the ledger's records by; a service without the ledger's MAC key does not start. */
  public io.orderledger.query.store.LedgerTrust ledgerTrust() {
    return new io.orderledger.query.store.LedgerTrust(io.orderledger.events.seal.LedgerMac.withKey(ledgerMacKey),
        ledgerPublicKey == null || ledgerPublicKey.isBlank() ? null : io.orderledger.events.seal.CheckpointSignature.withPublicKey(ledgerPublicKey));
  }

  /** Per API key, per instance. */
  public record RateLimit(@DefaultValue("true") boolean enabled, @DefaultValue("50") long perSecond, @DefaultValue("100") long burst) {
  }
}
