package io.orderledger.benchmarks.peer;

import io.orderledger.events.LedgerDecisionRecord;
import io.orderledger.events.OrderEvent;
import io.orderledger.events.OrderView;
import io.orderledger.events.WalletDiscrepancy;
import io.orderledger.events.WalletEntry;
import io.orderledger.events.codec.EventSerdes;
import io.orderledger.events.state.LedgerOrderState;
import io.orderledger.events.state.WalletState;
import io.orderledger.ledger.rules.DecisionRecords;
import io.orderledger.ledger.rules.LedgerStep;
import io.orderledger.query.model.JsonRenderer;
import io.orderledger.query.model.OrderDtoMapper;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The peer people build today: the same ledger on hand-rolled PostgreSQL tables, written as well as its authors
 * would. It reads {@code order-events} from Kafka (read_committed) in batches and folds each batch with the ledger's
 * own rules ({@link LedgerStep}, the function the Kafka Streams processor runs) against the rows it loads for the
 * batch in three queries ({@code = ANY(?)}), then writes everything in one transaction with batched statements: order
 * state, wallets, the views (with the API's rendered JSON, so the API can serve them as they are), the journal, the
 * decisions, the order-owner claims, the rejections, the discrepancies, and the input offsets. The offsets in the same
 * transaction are what make it exactly-once: after a crash it resumes from the last committed batch.
 */
public final class PostgresLedger {

  static final String SCHEMA = """
      create table ledger_orders (order_id text primary key, state bytea not null);
      create table ledger_wallets (partner_id text primary key, state bytea not null);
      create table order_owners (order_id text primary key, partner_id text not null);
      create table order_views (
        partner_id text not null, order_id text not null, created_at bigint not null, order_type text not null,
        state text not null, version bigint not null, json bytea not null, primary key (partner_id, order_id));
      create index order_views_by_created on order_views (partner_id, created_at desc, order_id desc);
      create index order_views_by_state on order_views (partner_id, state, created_at desc, order_id desc);
      create table wallet_journal (
        partner_id text not null, currency text not null, sequence bigint not null, entry_id text not null unique,
        order_id text not null, kind text not null, amount_minor bigint not null, balance_before_minor bigint not null,
        balance_after_minor bigint not null, booked_at bigint not null, previous_hash text, hash text,
        primary key (partner_id, currency, sequence));
      create index wallet_journal_by_time on wallet_journal (partner_id, currency, booked_at);
      create table ledger_decisions (
        input_partition int not null, input_offset bigint not null, partner_id text not null, order_id text not null,
        decision text not null, record bytea not null, primary key (input_partition, input_offset));
      create index ledger_decisions_by_order on ledger_decisions (order_id, input_partition, input_offset);
      create table rejected_inputs (input_partition int not null, input_offset bigint not null, reason text not null, detail text,
        payload bytea, primary key (input_partition, input_offset));
      create table wallet_discrepancies (partner_id text not null, event_id text not null, kind text not null, record bytea not null);
      create table input_offsets (input_partition int primary key, next_offset bigint not null);
      """;

  private final DataSource pool;
  private final EventSerdes serdes;
  private final String topic;
  private final int batchSize;

  public PostgresLedger(DataSource pool, EventSerdes serdes, String topic, int batchSize) {
    this.pool = pool;
    this.serdes = serdes;
    this.topic = topic;
    this.batchSize = batchSize;
  }

  public void createSchema() throws SQLException {
    try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute(SCHEMA);
    }
  }

  /** Folds until {@code records} inputs are committed; {@code committed} hears the running count after each batch. */
  public void fold(String bootstrapServers, int partitions, long records, LongConsumer committed) throws Exception {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers,
        "isolation.level", "read_committed", "enable.auto.commit", false, "max.poll.records", batchSize,
        "fetch.max.bytes", 64 * 1024 * 1024), new ByteArrayDeserializer(), new ByteArrayDeserializer());
         Connection connection = pool.getConnection()) {
      connection.setAutoCommit(false);
      List<TopicPartition> assigned = new ArrayList<>();
      for (int p = 0; p < partitions; p++) {
        assigned.add(new TopicPartition(topic, p));
      }
      consumer.assign(assigned);
      Map<Integer, Long> resume = offsets(connection);
      for (TopicPartition partition : assigned) {
        consumer.seek(partition, resume.getOrDefault(partition.partition(), 0L));
      }
      long done = 0;
      while (done < records) {
        ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(200));
        if (batch.isEmpty()) {
          continue;
        }
        List<ConsumerRecord<byte[], byte[]>> inputs = new ArrayList<>(batch.count());
        batch.forEach(inputs::add);
        foldBatch(connection, inputs);
        done += inputs.size();
        committed.accept(done);
      }
    }
  }

  private Map<Integer, Long> offsets(Connection connection) throws SQLException {
    Map<Integer, Long> offsets = new HashMap<>();
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("select input_partition, next_offset from input_offsets")) {
      while (rows.next()) {
        offsets.put(rows.getInt(1), rows.getLong(2));
      }
    }
    connection.commit();
    return offsets;
  }

  /** One transaction: load what the batch touches, fold it in memory with the ledger's rules, write it all. */
  private void foldBatch(Connection connection, List<ConsumerRecord<byte[], byte[]>> inputs) throws SQLException {
    List<OrderEvent> events = new ArrayList<>(inputs.size());
    Set<String> orderIds = new HashSet<>();
    Set<String> partnerIds = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> input : inputs) {
      OrderEvent event;
      try {
        event = input.value() == null ? null : serdes.orderEvent().deserializer().deserialize(topic, input.value());
      } catch (org.apache.kafka.common.errors.SerializationException e) { // EventDecodingException included
        event = null;
      }
      events.add(event);
      if (event != null) {
        orderIds.add(event.getOrderId());
        partnerIds.add(event.getPartnerId());
      }
    }
    BatchState state = new BatchState(load(connection, "select order_id, state from ledger_orders where order_id = any(?)", orderIds),
        loadText(connection, "select order_id, partner_id from order_owners where order_id = any(?)", orderIds),
        load(connection, "select partner_id, state from ledger_wallets where partner_id = any(?)", partnerIds));

    Writes writes = new Writes(connection);
    Map<Integer, Long> next = new HashMap<>();
    for (int i = 0; i < inputs.size(); i++) {
      ConsumerRecord<byte[], byte[]> input = inputs.get(i);
      next.put(input.partition(), input.offset() + 1);
      OrderEvent event = events.get(i);
      if (event == null) {
        writes.reject(input.partition(), input.offset(), "UNDECODABLE", "not an order event", input.value());
        continue;
      }
      String key = input.key() == null ? null : new String(input.key(), StandardCharsets.UTF_8);
      LedgerStep.Outcome outcome = LedgerStep.fold(state, event, key,
          new DecisionRecords.Input(input.topic(), input.partition(), input.offset(), input.timestamp()));
      if (outcome.order() != null) {
        state.orders.put(event.getOrderId(), outcome.order());
        writes.order(event.getOrderId(), serdes.ledgerOrderState().serializer().serialize(topic, outcome.order()));
      }
      if (outcome.wallet() != null) {
        state.wallets.put(event.getPartnerId(), outcome.wallet());
        writes.wallet(event.getPartnerId(), serdes.walletState().serializer().serialize(topic, outcome.wallet()));
      }
      if (outcome.claim()) {
        state.owners.put(event.getOrderId(), event.getPartnerId());
        writes.owner(event.getOrderId(), event.getPartnerId());
      }
      if (outcome.view() != null) {
        writes.view(outcome.view());
      }
      for (WalletEntry entry : outcome.entries()) {
        writes.entry(entry);
      }
      for (WalletDiscrepancy discrepancy : outcome.discrepancies()) {
        writes.discrepancy(discrepancy, serdes.walletDiscrepancy().serializer().serialize(topic, discrepancy));
      }
      if (outcome.rejectReason() != null) {
        writes.reject(input.partition(), input.offset(), outcome.rejectReason().name(), outcome.rejectDetail(), input.value());
      }
      LedgerDecisionRecord decision = outcome.decision();
      writes.decision(decision, serdes.ledgerDecision().serializer().serialize(topic, decision));
    }
    writes.offsets(next);
    writes.flush();
    connection.commit();
  }

  private static Map<String, byte[]> load(Connection connection, String sql, Set<String> ids) throws SQLException {
    Map<String, byte[]> rows = new HashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      Array array = connection.createArrayOf("text", ids.toArray());
      statement.setArray(1, array);
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          rows.put(result.getString(1), result.getBytes(2));
        }
      }
    }
    return rows;
  }

  private static Map<String, String> loadText(Connection connection, String sql, Set<String> ids) throws SQLException {
    Map<String, String> rows = new HashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setArray(1, connection.createArrayOf("text", ids.toArray()));
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          rows.put(result.getString(1), result.getString(2));
        }
      }
    }
    return rows;
  }

  /** The rows a batch loaded, decoded on first use, with the batch's own changes on top. */
  private final class BatchState implements LedgerStep.State {
    final Map<String, LedgerOrderState> orders = new HashMap<>();
    final Map<String, String> owners;
    final Map<String, WalletState> wallets = new HashMap<>();
    private final Map<String, byte[]> storedOrders;
    private final Map<String, byte[]> storedWallets;

    BatchState(Map<String, byte[]> storedOrders, Map<String, String> owners, Map<String, byte[]> storedWallets) {
      this.storedOrders = storedOrders;
      this.owners = owners;
      this.storedWallets = storedWallets;
    }

    @Override
    public LedgerOrderState order(String orderId) {
      return orders.computeIfAbsent(orderId, id -> {
        byte[] stored = storedOrders.get(id);
        return stored == null ? null : serdes.ledgerOrderState().deserializer().deserialize(topic, stored);
      });
    }

    @Override
    public String owner(String orderId) {
      return owners.get(orderId);
    }

    @Override
    public WalletState wallet(String partnerId) {
      return wallets.computeIfAbsent(partnerId, id -> {
        byte[] stored = storedWallets.get(id);
        return stored == null ? null : serdes.walletState().deserializer().deserialize(topic, stored);
      });
    }
  }

  /** The batch's writes as JDBC batches, one per table, executed at the end of the batch. */
  private static final class Writes {
    private final PreparedStatement orders;
    private final PreparedStatement wallets;
    private final PreparedStatement owners;
    private final PreparedStatement views;
    private final PreparedStatement journal;
    private final PreparedStatement decisions;
    private final PreparedStatement rejects;
    private final PreparedStatement discrepancies;
    private final PreparedStatement offsets;
    private final Map<String, byte[]> orderRows = new HashMap<>();
    private final Map<String, byte[]> walletRows = new HashMap<>();
    private final Map<String, OrderView> viewRows = new HashMap<>();

    Writes(Connection connection) throws SQLException {
      orders = connection.prepareStatement("insert into ledger_orders (order_id, state) values (?, ?) "
          + "on conflict (order_id) do update set state = excluded.state");
      wallets = connection.prepareStatement("insert into ledger_wallets (partner_id, state) values (?, ?) "
          + "on conflict (partner_id) do update set state = excluded.state");
      owners = connection.prepareStatement("insert into order_owners (order_id, partner_id) values (?, ?) on conflict do nothing");
      views = connection.prepareStatement("insert into order_views (partner_id, order_id, created_at, order_type, state, version, json) "
          + "values (?, ?, ?, ?, ?, ?, ?) on conflict (partner_id, order_id) do update set state = excluded.state, "
          + "version = excluded.version, json = excluded.json, order_type = excluded.order_type, created_at = excluded.created_at");
      journal = connection.prepareStatement("insert into wallet_journal (partner_id, currency, sequence, entry_id, order_id, kind, "
          + "amount_minor, balance_before_minor, balance_after_minor, booked_at, previous_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      decisions = connection.prepareStatement("insert into ledger_decisions (input_partition, input_offset, partner_id, order_id, decision, "
          + "record) values (?, ?, ?, ?, ?, ?)");
      rejects = connection.prepareStatement("insert into rejected_inputs (input_partition, input_offset, reason, detail, payload) "
          + "values (?, ?, ?, ?, ?)");
      discrepancies = connection.prepareStatement("insert into wallet_discrepancies (partner_id, event_id, kind, record) values (?, ?, ?, ?)");
      offsets = connection.prepareStatement("insert into input_offsets (input_partition, next_offset) values (?, ?) "
          + "on conflict (input_partition) do update set next_offset = excluded.next_offset");
    }

    // Rows written more than once in a batch (an order's state, a wallet, a view) are written once, last version.
    void order(String orderId, byte[] state) {
      orderRows.put(orderId, state);
    }

    void wallet(String partnerId, byte[] state) {
      walletRows.put(partnerId, state);
    }

    void view(OrderView view) {
      viewRows.put(view.getPartnerId() + "/" + view.getOrderId(), view);
    }

    void owner(String orderId, String partnerId) throws SQLException {
      owners.setString(1, orderId);
      owners.setString(2, partnerId);
      owners.addBatch();
    }

    void entry(WalletEntry entry) throws SQLException {
      journal.setString(1, entry.getPartnerId());
      journal.setString(2, entry.getCurrency());
      journal.setLong(3, entry.getSequence());
      journal.setString(4, entry.getEntryId());
      journal.setString(5, entry.getOrderId());
      journal.setString(6, entry.getKind().name());
      journal.setLong(7, entry.getAmountMinor());
      journal.setLong(8, entry.getBalanceBeforeMinor());
      journal.setLong(9, entry.getBalanceAfterMinor());
      journal.setLong(10, entry.getBookedAt());
      journal.setString(11, entry.getPreviousHash());
      journal.setString(12, entry.getHash());
      journal.addBatch();
    }

    void decision(LedgerDecisionRecord decision, byte[] record) throws SQLException {
      decisions.setInt(1, decision.getInputPartition());
      decisions.setLong(2, decision.getInputOffset());
      decisions.setString(3, decision.getPartnerId());
      decisions.setString(4, decision.getOrderId());
      decisions.setString(5, decision.getDecision().name());
      decisions.setBytes(6, record);
      decisions.addBatch();
    }

    void reject(int partition, long offset, String reason, String detail, byte[] payload) throws SQLException {
      rejects.setInt(1, partition);
      rejects.setLong(2, offset);
      rejects.setString(3, reason);
      rejects.setString(4, detail);
      rejects.setBytes(5, payload);
      rejects.addBatch();
    }

    void discrepancy(WalletDiscrepancy discrepancy, byte[] record) throws SQLException {
      discrepancies.setString(1, discrepancy.getPartnerId());
      discrepancies.setString(2, discrepancy.getEventId());
      discrepancies.setString(3, discrepancy.getKind().name());
      discrepancies.setBytes(4, record);
      discrepancies.addBatch();
    }

    void offsets(Map<Integer, Long> next) throws SQLException {
      for (Map.Entry<Integer, Long> offset : next.entrySet()) {
        offsets.setInt(1, offset.getKey());
        offsets.setLong(2, offset.getValue());
        offsets.addBatch();
      }
    }

    void flush() throws SQLException {
      for (Map.Entry<String, byte[]> row : orderRows.entrySet()) {
        orders.setString(1, row.getKey());
        orders.setBytes(2, row.getValue());
        orders.addBatch();
      }
      for (Map.Entry<String, byte[]> row : walletRows.entrySet()) {
        wallets.setString(1, row.getKey());
        wallets.setBytes(2, row.getValue());
        wallets.addBatch();
      }
      for (OrderView view : viewRows.values()) {
        views.setString(1, view.getPartnerId());
        views.setString(2, view.getOrderId());
        views.setLong(3, view.getOrder().getCreatedAt());
        views.setString(4, view.getOrder().getOrderType().name().toLowerCase(java.util.Locale.ROOT));
        views.setString(5, view.getOrder().getState().name().toLowerCase(java.util.Locale.ROOT));
        views.setLong(6, view.getVersion());
        views.setBytes(7, JsonRenderer.render(OrderDtoMapper.toDto(view)));
        views.addBatch();
      }
      for (PreparedStatement statement : List.of(orders, wallets, owners, views, journal, decisions, rejects, discrepancies, offsets)) {
        statement.executeBatch();
        statement.close();
      }
    }
  }
}
