package io.orderledger.events.journal;

import io.orderledger.events.MovementDirection;
import io.orderledger.events.MovementKind;
import java.util.List;

/** Facts about movement kinds that every reader of the journal needs the same way. */
public final class MovementKinds {

  /** The v4 MovementKind symbols, in order: the enum indexes the canonical form of {@link JournalChain} writes. */
  private static final List<String> V4_SYMBOLS = List.of("UNKNOWN", "ORDER_DEBIT", "ORDER_REFUND", "BULK_RECIPIENT_REFUND",
      "TOP_UP_CREDIT", "TOP_UP_REVERSAL", "SALE_CREDIT", "SALE_REVERSAL", "ADJUSTMENT_DEBIT", "ADJUSTMENT_CREDIT");

  private MovementKinds() {
  }

  static int v4Index(MovementKind kind) {
    int index = V4_SYMBOLS.indexOf(kind.name());
    if (index < 0) {
      throw new IllegalArgumentException(kind + " is not a v4 movement kind: the canonical form needs a new version");
    }
    return index;
  }

  /** Which way a kind moves money: out of the wallet (DEBIT) or into it (CREDIT). */
  public static MovementDirection direction(MovementKind kind) {
    return switch (kind) {
      case ORDER_DEBIT, TOP_UP_REVERSAL, SALE_REVERSAL, ADJUSTMENT_DEBIT -> MovementDirection.DEBIT;
      case ORDER_REFUND, BULK_RECIPIENT_REFUND, TOP_UP_CREDIT, SALE_CREDIT, ADJUSTMENT_CREDIT -> MovementDirection.CREDIT;
      case UNKNOWN -> throw new IllegalArgumentException("a movement always has a kind");
    };
  }
}
