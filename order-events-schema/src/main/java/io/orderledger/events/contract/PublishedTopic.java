package io.orderledger.events.contract;

import io.orderledger.events.seal.LedgerMac;
import io.orderledger.events.topic.TopicLayout;
import io.orderledger.events.topic.TopicNames;

/**
 * What a consumer needs to know about each topic, beyond its configuration ({@link TopicLayout}): its key, how it is
 * partitioned, what its values are, who writes it and how to read it. The AsyncAPI document and the bundled schemas
 * are rendered from this ({@link ContractDocuments}), and a test ties it to {@link TopicLayout} and the catalog, so a
 * topic cannot change without its description.
 */
public enum PublishedTopic {

  ORDER_EVENTS(TopicNames.ORDER_EVENTS, TopicLayout.ORDER_EVENTS, "io.orderledger.events.OrderEvent", Key.PARTNER_ID,
      "provider-poller, transactionally, in the same transaction as its checkpoint",
      "One observed change of one order: the order as its source showed it, the state before and after, the source's own "
          + "record. The source of truth, kept forever. A record whose value is not an OrderEvent (another producer's "
          + "mistake) is rejected by the ledger into order-events-rejected, never skipped.",
      false),
  ORDER_VIEWS(TopicNames.ORDER_VIEWS, TopicLayout.ORDER_VIEWS, "io.orderledger.events.OrderView", Key.PARTNER_ORDER,
      "ledger-service, exactly-once (Kafka Streams EOS v2)",
      "The current view of each order, as the API serves it. Compacted: the latest record per key is the order; a "
          + "view's version grows by one per applied event.",
      true),
  WALLET_JOURNAL(TopicNames.WALLET_JOURNAL, TopicLayout.WALLET_JOURNAL, "io.orderledger.events.WalletEntry", Key.PARTNER_ID,
      "ledger-service, exactly-once, in the same transaction as the views",
      "Every wallet movement, kept forever. Each wallet (partner and currency) is a hash chain: sequence 1, 2, 3... with no "
          + "gap, previousHash equal to the previous entry's hash, balanceBeforeMinor equal to the previous "
          + "balanceAfterMinor.",
      true),
  LEDGER_DECISIONS(TopicNames.LEDGER_DECISIONS, TopicLayout.LEDGER_DECISIONS, "io.orderledger.events.LedgerDecisionRecord",
      Key.PARTNER_ID, "ledger-service, exactly-once, in the same transaction as the views and the journal",
      "One record per ledger input saying what the ledger did with it (applied, duplicate, stale, rejected) and why: the "
          + "audit trail, kept forever.",
      true),
  ORDER_EVENTS_REJECTED(TopicNames.ORDER_EVENTS_REJECTED, TopicLayout.ORDER_EVENTS_REJECTED, "io.orderledger.events.RejectedEvent",
      Key.AS_INPUT, "ledger-service (inputs it cannot apply) and provider-poller (upstream payloads it cannot read)",
      "Inputs that were not applied, with a named reason and the original bytes, kept 90 days for inspection and replay.",
      false),
  WALLET_DISCREPANCIES(TopicNames.WALLET_DISCREPANCIES, TopicLayout.WALLET_DISCREPANCIES, "io.orderledger.events.WalletDiscrepancy",
      Key.PARTNER_ID, "ledger-service, exactly-once",
      "Where a source's own wallet figures disagree with the ledger's, kept forever. A discrepancy moves no money.",
      true),
  LEDGER_CHECKPOINTS(TopicNames.LEDGER_CHECKPOINTS, TopicLayout.LEDGER_CHECKPOINTS, "io.orderledger.events.LedgerCheckpoint",
      Key.PARTNER_CURRENCY, "ledger-service, exactly-once",
      "Each wallet's latest chain head, signed with the ledger's Ed25519 key (the public key is published): compacted, so "
          + "the newest checkpoint of every wallet always remains. A reader that holds the public key can prove a "
          + "journal it reads was not cut or rewritten below the checkpoint.",
      true),
  ORDER_OWNERS(TopicNames.ORDER_OWNERS, TopicLayout.ORDER_OWNERS, null, Key.ORDER_ID,
      "ledger-service, exactly-once",
      "Order id to the partner that first named it (UTF-8 text value): the ledger's guard against one partner's event "
          + "touching another's order. Internal to the ledger: read it only to explain a CROSS_PARTNER rejection. One "
          + "partition: every ledger instance reads all of it as a global store, restored partition after partition "
          + "before it starts folding.",
      true),
  POLLER_CHECKPOINTS(TopicNames.POLLER_CHECKPOINTS, TopicLayout.POLLER_CHECKPOINTS, null, Key.SOURCE_ID,
      "provider-poller, in the same transaction as the events it stands for",
      "Each source's position and window of open orders, in the poller's own versioned JSON format. Internal to the "
          + "poller: not a contract, do not consume.",
      false);

  /** The Kafka key of a topic's records: always UTF-8 text. */
  public enum Key {
    PARTNER_ID("partnerId", "The partner's id (1-64 of [A-Za-z0-9._-]).", true),
    PARTNER_ORDER("partnerId/orderId", "The partner's id, '/', the order's id: one key per order, for compaction. "
        + "Partitioned by the partnerId part alone, so a partner's views share the partition number of its events.", true),
    PARTNER_CURRENCY("partnerId/currency", "The partner's id, '/', the ISO 4217 currency: one key per wallet, for "
        + "compaction. Partitioned by the partnerId part alone.", true),
    ORDER_ID("orderId", "The order's id.", false),
    SOURCE_ID("sourceId", "The upstream source's id.", false),
    AS_INPUT("the rejected input's key", "The key the rejected input had (a partnerId for order-events inputs), or none.", false);

    private final String format;
    private final String description;
    private final boolean partitionedByPartner;

    Key(String format, String description, boolean partitionedByPartner) {
      this.format = format;
      this.description = description;
      this.partitionedByPartner = partitionedByPartner;
    }

    public String format() {
      return format;
    }

    public String description() {
      return description;
    }

    /** True when the record sits on the partition {@code PartnerId.partitionOf(partnerId, partitions)}. */
    public boolean partitionedByPartner() {
      return partitionedByPartner;
    }
  }

  private final String name;
  private final TopicLayout layout;
  private final String valueType;
  private final Key key;
  private final String writtenBy;
  private final String description;
  private final boolean sealed;

  PublishedTopic(String name, TopicLayout layout, String valueType, Key key, String writtenBy, String description, boolean sealed) {
    this.name = name;
    this.layout = layout;
    this.valueType = valueType;
    this.key = key;
    this.writtenBy = writtenBy;
    this.description = description;
    this.sealed = sealed;
  }

  /** The default name; every service lets it be overridden. */
  public String topicName() {
    return name;
  }

  public TopicLayout layout() {
    return layout;
  }

  /** The Avro record type of the values (full name), or null when the values are not single-object encoded Avro. */
  public String valueType() {
    return valueType;
  }

  public boolean avroValues() {
    return valueType != null;
  }

  public Key key() {
    return key;
  }

  public String writtenBy() {
    return writtenBy;
  }

  public String description() {
    return description;
  }

  /** True when every record carries the ledger's {@value LedgerMac#HEADER} header (HMAC-SHA256 of the value). */
  public boolean sealed() {
    return sealed;
  }

  /** True when the values are a contract for other teams (the poller's checkpoints are not). */
  public boolean forConsumers() {
    return this != POLLER_CHECKPOINTS;
  }

  /** Compacted topics keep the latest record per key: a consumer reads them as a table, not as a history. */
  public boolean compacted() {
    return layout.configs().get("cleanup.policy").contains("compact");
  }
}
