package io.orderledger.query.store;

/** What the materializer counts; the application binds it to Micrometer. */
public interface MaterializerMetrics {

  void viewApplied();

  /** A view older than, or the same as, the one stored: a replay after a restart. */
  void viewSkipped();

  void journalEntryApplied();

  /** A journal entry refused: it did not extend its wallet's hash chain, or did not carry the ledger's seal. */
  default void journalEntryBroken() {
  }

  /** A record of one of the ledger's topics without the ledger's seal: not materialised. */
  default void unauthenticated(String topic) {
  }

  /** A ledger decision added to an order's history. */
  default void decisionApplied() {
  }

  /** A record that could not be decoded: logged and skipped, never fatal for a read model. */
  void undecodable(String topic);

  static MaterializerMetrics none() {
    return new MaterializerMetrics() {
      @Override
      public void viewApplied() {
      }

      @Override
      public void viewSkipped() {
      }

      @Override
      public void journalEntryApplied() {
      }

      @Override
      public void undecodable(String topic) {
      }
    };
  }
}
