package io.orderledger.benchmarks;

import io.orderledger.events.seal.LedgerMac;
import java.security.SecureRandom;
import java.util.Base64;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * This run's ledger MAC key. The query service serves only what carries the ledger's MAC: a benchmark that folds with
 * the ledger's topology gives it this key, one that writes the ledger's outputs itself seals them with it, and the
 * query service under test is given the same.
 */
final class BenchmarkMac {

  static final String KEY = newKey();
  static final LedgerMac MAC = LedgerMac.withKey(KEY);

  private BenchmarkMac() {
  }

  /** A record as the ledger writes it: its value sealed under this run's key. */
  static ProducerRecord<byte[], byte[]> sealed(String topic, Integer partition, byte[] key, byte[] value) {
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, partition, key, value);
    MAC.seal(record.headers(), value);
    return record;
  }

  private static String newKey() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return Base64.getEncoder().encodeToString(secret);
  }
}
