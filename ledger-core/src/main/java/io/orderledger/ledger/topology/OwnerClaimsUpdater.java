package io.orderledger.ledger.topology;

import io.orderledger.events.seal.LedgerMac;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global owners store in step with the order-owners topic. The first claim of an order id wins, and only a
 * claim the ledger sealed counts: one produced to the topic by anyone else could otherwise take another partner's
 * order ids.
 */
final class OwnerClaimsUpdater implements Processor<String, String, Void, Void> {

  private static final Logger log = LoggerFactory.getLogger(OwnerClaimsUpdater.class);

  private final LedgerMac mac;
  private KeyValueStore<String, String> owners;

  OwnerClaimsUpdater(LedgerMac mac) {
    this.mac = mac;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    owners = context.getStateStore(LedgerStores.ORDER_OWNERS);
  }

  @Override
  public void process(Record<String, String> claim) {
    if (claim.key() == null || claim.value() == null) {
      return;
    }
    if (!mac.verifies(claim.headers(), claim.value().getBytes(StandardCharsets.UTF_8))) {
      log.warn("ignored a claim of order id {} in order-owners that the ledger did not seal", claim.key());
      return;
    }
    owners.putIfAbsent(claim.key(), claim.value());
  }
}
