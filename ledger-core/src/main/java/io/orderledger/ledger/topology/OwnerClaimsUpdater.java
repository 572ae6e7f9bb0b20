package io.orderledger.ledger.topology;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps the global owners store in step with the order-owners topic. The first claim of an order id wins. */
final class OwnerClaimsUpdater implements Processor<String, String, Void, Void> {

  private KeyValueStore<String, String> owners;

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    owners = context.getStateStore(LedgerStores.ORDER_OWNERS);
  }

  @Override
  public void process(Record<String, String> claim) {
    if (claim.key() != null && claim.value() != null) {
      owners.putIfAbsent(claim.key(), claim.value());
    }
  }
}
