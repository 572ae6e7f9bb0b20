package io.orderledger.ledger.rules;

import io.orderledger.events.OrderEvent;
import io.orderledger.events.OrderView;
import io.orderledger.events.WalletDiscrepancy;
import io.orderledger.events.WalletEntry;
import io.orderledger.events.state.LedgerOrderState;
import io.orderledger.events.state.WalletState;
import java.util.List;

/**
 * The ledger's rules as two pure steps: {@link OrderDecider#decide decide} what an event does, then {@link #apply}
 * it. The Kafka Streams processor only loads state, calls these, and stores and forwards what they return.
 */
public final class OrderLedger {

  /**
   * Everything one applied event produces.
   *
   * @param wallet the partner's wallets and clock after the event (the same object when neither moved)
   * @param entries the journal entries, in order
   * @param discrepancies what the source said that the ledger did not take as it was
   */
  public record Applied(LedgerOrderState order, WalletState wallet, List<WalletEntry> entries, OrderView view,
                        List<WalletDiscrepancy> discrepancies) {
  }

  private OrderLedger() {
  }

  /**
   * @param current the order before the event, or null when it is new
   * @param wallet the partner's wallets and clock, or null if nothing was booked for it yet
   * @param bookedAt the partner's time for this input ({@link PartnerClock}); the returned wallet's clock stands there
   */
  public static Applied apply(LedgerOrderState current, OrderEvent event, long payloadHash, LedgerDecision.Apply decision,
                              WalletState wallet, long bookedAt) {
    WalletFold.Result moved = WalletFold.apply(PartnerClock.at(wallet, event.getPartnerId(), bookedAt), event, decision.movements(), bookedAt);
    LedgerOrderState order = OrderFold.evolve(current, event, payloadHash, decision, moved.entries(), bookedAt);
    List<WalletDiscrepancy> discrepancies = Discrepancies.of(order, event, decision, moved.wallet(), moved.entries());
    return new Applied(order, moved.wallet(), moved.entries(), OrderFold.view(order, event), discrepancies);
  }
}
