package io.orderledger.audit.verify;

/**
 * One way the published ledger differs from the independent re-fold of its input: what, where, what the rules give and
 * what was found. Fields that do not apply are null (a sequence for a decision, an order for a chain break).
 *
 * @param inputPartition the input record's partition in order-events, or -1
 * @param inputOffset the input record's offset, or -1
 */
public record Difference(Kind kind, String partnerId, String orderId, String currency, Long sequence, int inputPartition,
                         long inputOffset, String expected, String found) {

  /** Every kind of difference, each with what it means. */
  public enum Kind {
    DECISION_MISSING("the input has no decision in ledger-decisions"),
    DECISION_DIFFERS("the published decision is not the one the rules give"),
    DECISION_REPEATED("the input has more than one decision"),
    DECISION_UNEXPECTED("a decision for an input the rules do not decide (undecodable, or no such input)"),
    ENTRY_MISSING("a movement the rules make is not in wallet-journal"),
    ENTRY_DIFFERS("the published journal entry is not the one the rules give"),
    ENTRY_REPEATED("a wallet sequence is in wallet-journal more than once"),
    ENTRY_UNEXPECTED("a journal entry no input explains (an unknown wallet, or a sequence beyond what the rules make)"),
    CHAIN_BROKEN("the wallet's published hash chain does not verify at this entry"),
    CHECKPOINT_SIGNATURE("a checkpoint whose signature does not verify with the ledger's public key"),
    CHECKPOINT_MISMATCH("the journal's chain does not pass through a signed checkpoint: its past was rewritten"),
    CHECKPOINT_BEYOND_JOURNAL("a signed checkpoint names an entry the journal does not hold: its tail was cut"),
    VIEW_MISSING("the order's view is older than the rules' or absent"),
    VIEW_DIFFERS("the published view is not the one the rules give"),
    VIEW_AHEAD("the order's published view has a version beyond what the rules give"),
    VIEW_UNEXPECTED("a view of an order that no input created"),
    REJECT_MISSING("the input is not in order-events-rejected though the rules reject it"),
    REJECT_DIFFERS("the input is rejected for another reason"),
    REJECT_UNEXPECTED("the input is rejected though the rules apply it"),
    DISCREPANCY_MISSING("a discrepancy the rules record is not in wallet-discrepancies"),
    DISCREPANCY_DIFFERS("the published discrepancy is not the one the rules give"),
    DISCREPANCY_UNEXPECTED("a discrepancy no input explains"),
    OWNER_MISSING("an order id the rules claim for a partner is not claimed in order-owners"),
    OWNER_DIFFERS("order-owners names another partner for the order id"),
    OWNER_UNEXPECTED("order-owners claims an order id that no applied input claimed"),
    API_ORDER_DIFFERS("the API serves an order's state or amount other than the rules give"),
    API_ORDER_MISSING("the API does not serve an order the rules give"),
    API_ORDER_UNEXPECTED("the API serves an order the rules do not give"),
    API_WALLET_DIFFERS("the API serves a wallet balance other than the rules give"),
    UNREADABLE_OUTPUT("a published record that cannot be decoded");

    private final String meaning;

    Kind(String meaning) {
      this.meaning = meaning;
    }

    public String meaning() {
      return meaning;
    }
  }
}
