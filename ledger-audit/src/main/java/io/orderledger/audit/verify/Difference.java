package io.orderledger.audit.verify;

/**
 * One way the published ledger differs from the re-fold of its input: what, where, what the rules give and what was
 * found. Fields that do not apply are null (a sequence for a decision, an order for a chain break).
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
    DECISION_UNEXPECTED("a decision for an input the rules do not decide (an undecodable one)"),
    ENTRY_MISSING("a movement the rules make is not in wallet-journal"),
    ENTRY_DIFFERS("the published journal entry is not the one the rules give"),
    ENTRY_REPEATED("a wallet sequence is in wallet-journal more than once"),
    CHAIN_BROKEN("the wallet's hash chain does not verify at this entry"),
    VIEW_MISSING("the order's view is older than the rules' or absent"),
    VIEW_DIFFERS("the published view is not the one the rules give"),
    REJECT_MISSING("the input is not in order-events-rejected though the rules reject it"),
    REJECT_DIFFERS("the input is rejected for another reason"),
    REJECT_UNEXPECTED("the input is rejected though the rules apply it"),
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
