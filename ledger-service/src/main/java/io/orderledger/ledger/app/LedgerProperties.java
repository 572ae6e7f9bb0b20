package io.orderledger.ledger.app;

import io.orderledger.events.seal.LedgerMac;
import io.orderledger.events.topic.TopicNames;
import io.orderledger.events.topic.TopicSettings;
import io.orderledger.ledger.seal.CheckpointSigner;
import io.orderledger.ledger.seal.LedgerSeal;
import io.orderledger.ledger.topology.LedgerTopicNames;
import io.orderledger.ledger.topology.LedgerTopology;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The ledger's own settings ({@code ledger.*}). Kafka connection and Kafka Streams settings are Spring Boot's
 * standard {@code spring.kafka.*} ones (bootstrap servers, {@code spring.kafka.streams.application-id},
 * {@code state-dir}, {@code properties.*}).
 *
 * @param topics topic names and how to create them
 * @param cacheOrders use the Streams record cache for the orders store
 * @param cacheWallets use the Streams record cache for the wallets store
 * @param closeTimeout how long a shutdown waits for Kafka Streams to commit and close
 * @param macKey the secret every published record is sealed with (Base64, 32 bytes or more), shared with the query
 *     service; set it from the environment ({@code LEDGER_MAC_KEY}) or a file, never on a command line
 * @param checkpoints the key wallet checkpoints are signed with, and how often
 * @param health when readiness says the ledger cannot make progress
 */
@ConfigurationProperties("ledger")
public record LedgerProperties(
    @DefaultValue Topics topics,
    @DefaultValue("false") boolean cacheOrders,
    @DefaultValue("true") boolean cacheWallets,
    @DefaultValue("30s") Duration closeTimeout,
    String macKey,
    @DefaultValue Checkpoints checkpoints,
    @DefaultValue Health health) {

  /**
   * @param stallAfter readiness goes DOWN once the ledger has been blocked (an output partition short of in-sync
   *     replicas or without a leader, Kafka unreachable) or stalled (input waiting, nothing committed) for longer
   * @param sampleEvery how often it looks (Kafka's Admin API)
   */
  public record Health(@DefaultValue("30s") Duration stallAfter, @DefaultValue("2s") Duration sampleEvery) {
  }

  /**
   * @param signingKey the ledger's Ed25519 private key, Base64 of PKCS#8 ({@code LEDGER_CHECKPOINTS_SIGNING_KEY})
   * @param publicKey its public key, Base64 of X.509: the one auditors check with ({@code ledger-audit verify --public-key})
   * @param everyEntries a wallet is checkpointed after this many entries since its last checkpoint
   * @param every and, when it moved since its last one, this often
   */
  public record Checkpoints(String signingKey, String publicKey, @DefaultValue("1000") int everyEntries,
                            @DefaultValue("10s") Duration every) {
  }

  /** The seal built from the keys: a ledger without them does not start (it would publish what no one can trust). */
  public LedgerSeal seal() {
    return new LedgerSeal(LedgerMac.withKey(macKey), CheckpointSigner.of(checkpoints.signingKey(), checkpoints.publicKey()),
        checkpoints.everyEntries(), checkpoints.every());
  }

  /**
   * @param create create missing topics at startup with the intended configs (TopicLayout)
   * @param partitions partition count of topics this service creates; a partner's records all live on one
   *     (order-owners, read whole as a global store, is one partition whatever this says: TopicLayout)
   * @param replicationFactor replication of topics this service creates (3 in a real cluster)
   * @param minInsyncReplicas set on created topics when above 1
   */
  public record Topics(
      @DefaultValue(TopicNames.ORDER_EVENTS) String orderEvents,
      @DefaultValue(TopicNames.ORDER_VIEWS) String orderViews,
      @DefaultValue(TopicNames.WALLET_JOURNAL) String walletJournal,
      @DefaultValue(TopicNames.ORDER_EVENTS_REJECTED) String rejected,
      @DefaultValue(TopicNames.WALLET_DISCREPANCIES) String walletDiscrepancies,
      @DefaultValue(TopicNames.ORDER_OWNERS) String orderOwners,
      @DefaultValue(TopicNames.LEDGER_DECISIONS) String decisions,
      @DefaultValue(TopicNames.LEDGER_CHECKPOINTS) String checkpoints,
      @DefaultValue("true") boolean create,
      @DefaultValue(TopicSettings.DEFAULT_PARTITIONS) int partitions,
      @DefaultValue("1") short replicationFactor,
      @DefaultValue("1") int minInsyncReplicas) {

    public LedgerTopicNames names() {
      return new LedgerTopicNames(orderEvents, orderViews, walletJournal, rejected, walletDiscrepancies, orderOwners, decisions, checkpoints);
    }

    public TopicSettings settings() {
      return new TopicSettings(create, partitions, replicationFactor, minInsyncReplicas);
    }
  }

  public LedgerTopology.StoreOptions storeOptions() {
    return new LedgerTopology.StoreOptions(cacheOrders, cacheWallets);
  }
}
