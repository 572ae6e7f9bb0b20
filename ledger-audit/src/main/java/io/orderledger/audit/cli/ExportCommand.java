package io.orderledger.audit.cli;

import io.orderledger.events.topic.TopicNames;
import io.orderledger.audit.CannotRun;
import io.orderledger.audit.ExitCode;
import io.orderledger.audit.export.ExportWriter;
import io.orderledger.audit.kafka.Cluster;
import io.orderledger.events.DecisionMovement;
import io.orderledger.events.LedgerDecisionRecord;
import io.orderledger.events.WalletEntry;
import io.orderledger.events.codec.EventSerdes;
import io.orderledger.events.money.MinorUnits;
import io.orderledger.events.topic.PartnerId;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code export}: a partner's wallet statement or order history for a period, streamed from the log in constant memory:
 * only the partner's partition is read, record by record, and each row is written as it is read.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Export a partner's wallet statement (every movement with balances, order, kind, sequence, hash) or its orders'",
        "history (every ledger decision) for a period, as CSV or JSON lines, read straight from the log."})
public final class ExportCommand implements Callable<Integer> {

  static final List<String> STATEMENT = List.of("sequence", "kind", "direction", "amount", "currency", "balanceBefore", "balanceAfter",
      "orderId", "eventId", "entryId", "recipientIndex", "occurredAt", "bookedAt", "previousHash", "hash");
  static final List<String> HISTORY = List.of("decidedAt", "orderId", "eventId", "decision", "rejectReason", "stateBefore", "stateAfter",
      "versionBefore", "versionAfter", "changedFields", "amount", "currency", "moneyFlow", "movements", "source", "nativeStatus",
      "recordSha256", "inputPartition", "inputOffset");

  @Mixin
  KafkaOptions kafka;

  @Option(names = "--partner", required = true, paramLabel = "ID", description = "Whose statement or history.")
  String partner;

  @Option(names = "--what", defaultValue = "statement", paramLabel = "statement|history",
      description = "The wallet statement (default) or the orders' history.")
  String what;

  @Option(names = "--currency", paramLabel = "C", description = "Statement of this currency only (default: every currency).")
  String currency;

  @Option(names = "--from", paramLabel = "TIME", converter = TimeConverter.class, description = "Booked (decided) at or after this time.")
  Instant from;

  @Option(names = "--to", paramLabel = "TIME", converter = TimeConverter.class, description = "Booked (decided) at or before this time.")
  Instant to;

  @Option(names = "--format", required = true, paramLabel = "csv|jsonl", description = "csv or jsonl.")
  String format;

  @Option(names = "--output", paramLabel = "FILE", description = "Write here (default: standard output).")
  Path output;

  @Option(names = "--journal-topic", defaultValue = TopicNames.WALLET_JOURNAL, paramLabel = "TOPIC")
  String journalTopic;

  @Option(names = "--decisions-topic", defaultValue = TopicNames.LEDGER_DECISIONS, paramLabel = "TOPIC")
  String decisionsTopic;

  @Override
  public Integer call() throws Exception {
    ExportWriter.Format chosen = switch (format.toLowerCase(Locale.ROOT)) {
      case "csv" -> ExportWriter.Format.CSV;
      case "jsonl" -> ExportWriter.Format.JSONL;
      default -> throw new CannotRun("unknown format " + format + ": csv or jsonl");
    };
    boolean statement = switch (what) {
      case "statement" -> true;
      case "history" -> false;
      default -> throw new CannotRun("--what must be statement or history, not " + what);
    };
    if (!PartnerId.isValid(partner)) {
      throw new CannotRun("not a partner id: " + partner);
    }
    if (from != null && to != null && from.isAfter(to)) {
      throw new CannotRun("--from is after --to");
    }
    try (Cluster cluster = kafka.connect();
         Writer out = new BufferedWriter(output == null ? new OutputStreamWriter(System.out, StandardCharsets.UTF_8)
             : Files.newBufferedWriter(output, StandardCharsets.UTF_8))) {
      String topic = statement ? journalTopic : decisionsTopic;
      cluster.require(topic, statement ? "the wallet journal" : "the ledger's decisions");
      ExportWriter rows = new ExportWriter(out, chosen, statement ? STATEMENT : HISTORY);
      EventSerdes serdes = EventSerdes.shipped();
      read(cluster, topic, record -> {
        if (statement) {
          WalletEntry e = serdes.walletEntry().deserializer().deserialize(topic, record.value());
          if (e.getPartnerId().equals(partner) && (currency == null || currency.equals(e.getCurrency())) && inPeriod(e.getBookedAt())) {
            String c = e.getCurrency();
            rows.row(e.getSequence(), e.getKind().name().toLowerCase(Locale.ROOT), e.getDirection().name().toLowerCase(Locale.ROOT),
                MinorUnits.toDecimal(e.getAmountMinor(), c), c, MinorUnits.toDecimal(e.getBalanceBeforeMinor(), c),
                MinorUnits.toDecimal(e.getBalanceAfterMinor(), c), e.getOrderId(), e.getEventId(), e.getEntryId(), e.getRecipientIndex(),
                e.getOccurredAt(), e.getBookedAt(), e.getPreviousHash(), e.getHash());
          }
        } else {
          LedgerDecisionRecord d = serdes.ledgerDecision().deserializer().deserialize(topic, record.value());
          if (d.getPartnerId().equals(partner) && inPeriod(d.getDecidedAt())) {
            String c = d.getCurrency();
            rows.row(d.getDecidedAt(), d.getOrderId(), d.getEventId(), lower(d.getDecision()), d.getRejectReason() == null ? null
                    : d.getRejectReason().name(), lower(d.getStateBefore()), lower(d.getStateAfter()), d.getVersionBefore(), d.getVersionAfter(),
                String.join(" ", d.getChangedFields()), d.getAmountMinor() == null ? null : MinorUnits.toDecimal(d.getAmountMinor(), c), c,
                lower(d.getMoneyFlow()), movements(d.getMovements()), d.getSource(), d.getNativeStatus(), d.getSourceRecordSha256(),
                d.getInputPartition(), d.getInputOffset());
          }
        }
      });
      out.flush();
      if (output != null) {
        System.err.printf("exported %,d rows to %s%n", rows.rows(), output);
      }
    }
    return ExitCode.OK;
  }

  private boolean inPeriod(long time) {
    return (from == null || time >= from.toEpochMilli()) && (to == null || time <= to.toEpochMilli());
  }

  private static String lower(Enum<?> value) {
    return value == null ? null : value.name().toLowerCase(Locale.ROOT);
  }

  private static String movements(List<DecisionMovement> movements) {
    return movements.stream().map(m -> m.getKind().name().toLowerCase(Locale.ROOT) + ":" + m.getSequence() + ":"
        + MinorUnits.toDecimal(m.getAmountMinor(), m.getCurrency()).toPlainString()).collect(Collectors.joining(" "));
  }

  /** Every committed record of the partner's partition (records are keyed by partner), in order, to its end now. */
  private void read(Cluster cluster, String topic, java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> each) {
    try (KafkaConsumer<byte[], byte[]> consumer = cluster.consumer()) {
      int partitions = cluster.partitions(topic).size();
      TopicPartition partition = new TopicPartition(topic, PartnerId.partitionOf(partner, partitions));
      consumer.assign(List.of(partition));
      // From the beginning: a record's Kafka timestamp is not its booking time, so a seek by time could miss one.
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      while (consumer.position(partition) < end) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (record.offset() >= end) {
            return;
          }
          if (record.value() != null) {
            each.accept(record);
          }
        }
      }
    }
  }
}
