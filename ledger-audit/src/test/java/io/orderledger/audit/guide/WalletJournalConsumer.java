package io.orderledger.audit.guide;

import io.orderledger.events.WalletEntry;
import io.orderledger.events.codec.EventSerdes;
import io.orderledger.events.journal.JournalChain;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** README.md's Java consumer (between the guide markers, verbatim): read wallet-journal, detect gaps, check each hash. */
public final class WalletJournalConsumer {

  /** The last entry seen of each wallet, and what went wrong: what a consumer keeps. */
  public final Map<String, WalletEntry> lastByWallet = new HashMap<>();
  public final List<String> problems = new java.util.ArrayList<>();
  public long entries;

  public void readUntilIdle(String bootstrapServers, String topic, String groupId) {
    // guide:begin
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);              // commits its position: a restart resumes there
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"); // never an aborted transaction's records
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<String, WalletEntry> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
        EventSerdes.shipped().walletEntry().deserializer())) {       // any released schema version, by fingerprint
      consumer.subscribe(List.of(topic));
      for (var records = consumer.poll(Duration.ofSeconds(5)); !records.isEmpty(); records = consumer.poll(Duration.ofSeconds(5))) {
        for (ConsumerRecord<String, WalletEntry> record : records) {
          WalletEntry entry = record.value();
          String wallet = entry.getPartnerId() + "/" + entry.getCurrency();
          WalletEntry last = lastByWallet.get(wallet);
          long expected = last == null ? 1 : last.getSequence() + 1;
          String previousHash = last == null ? JournalChain.GENESIS : last.getHash();
          if (entry.getSequence() != expected) {
            problems.add(wallet + ": expected sequence " + expected + ", read " + entry.getSequence());
          } else if (!entry.getPreviousHash().equals(previousHash) || !entry.getHash().equals(JournalChain.hash(previousHash, entry))) {
            problems.add(wallet + ": entry " + entry.getSequence() + " does not chain");
          }
          lastByWallet.put(wallet, entry);
          entries++;
        }
        consumer.commitSync();
      }
    }
    // guide:end
  }
}
