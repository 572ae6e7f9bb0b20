package io.orderledger.events.codec;

import io.orderledger.events.LedgerDecisionRecord;
import io.orderledger.events.OrderEvent;
import io.orderledger.events.OrderView;
import io.orderledger.events.RejectedEvent;
import io.orderledger.events.WalletDiscrepancy;
import io.orderledger.events.WalletEntry;
import io.orderledger.events.state.LedgerOrderState;
import io.orderledger.events.state.WalletState;

/** The serdes of every record type of the contract, each built once from one catalog. */
public final class EventSerdes {

  private final AvroSerde<OrderEvent> orderEvent;
  private final AvroSerde<OrderView> orderView;
  private final AvroSerde<WalletEntry> walletEntry;
  private final AvroSerde<RejectedEvent> rejectedEvent;
  private final AvroSerde<WalletDiscrepancy> walletDiscrepancy;
  private final AvroSerde<LedgerOrderState> ledgerOrderState;
  private final AvroSerde<WalletState> walletState;
  private final AvroSerde<LedgerDecisionRecord> ledgerDecision;

  public EventSerdes(SchemaCatalog catalog) {
    this.orderEvent = new AvroSerde<>(SingleObjectCodec.of(OrderEvent.class, catalog));
    this.orderView = new AvroSerde<>(SingleObjectCodec.of(OrderView.class, catalog));
    this.walletEntry = new AvroSerde<>(SingleObjectCodec.of(WalletEntry.class, catalog));
    this.rejectedEvent = new AvroSerde<>(SingleObjectCodec.of(RejectedEvent.class, catalog));
    this.walletDiscrepancy = new AvroSerde<>(SingleObjectCodec.of(WalletDiscrepancy.class, catalog));
    this.ledgerOrderState = new AvroSerde<>(SingleObjectCodec.of(LedgerOrderState.class, catalog));
    this.walletState = new AvroSerde<>(SingleObjectCodec.of(WalletState.class, catalog));
    this.ledgerDecision = new AvroSerde<>(SingleObjectCodec.of(LedgerDecisionRecord.class, catalog));
  }

  /** Serdes over the versions shipped in this jar. */
  public static EventSerdes shipped() {
    return new EventSerdes(SchemaCatalog.shipped());
  }

  public AvroSerde<OrderEvent> orderEvent() {
    return orderEvent;
  }

  public AvroSerde<OrderView> orderView() {
    return orderView;
  }

  public AvroSerde<WalletEntry> walletEntry() {
    return walletEntry;
  }

  public AvroSerde<RejectedEvent> rejectedEvent() {
    return rejectedEvent;
  }

  public AvroSerde<WalletDiscrepancy> walletDiscrepancy() {
    return walletDiscrepancy;
  }

  public AvroSerde<LedgerOrderState> ledgerOrderState() {
    return ledgerOrderState;
  }

  public AvroSerde<WalletState> walletState() {
    return walletState;
  }

  public AvroSerde<LedgerDecisionRecord> ledgerDecision() {
    return ledgerDecision;
  }
}
