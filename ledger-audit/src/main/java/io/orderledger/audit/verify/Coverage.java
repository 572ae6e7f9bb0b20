package io.orderledger.audit.verify;

import java.time.Duration;

/**
 * How much of the input log a verify checked, and what it therefore may say. Success over nothing is not success: a
 * ledger that decided none of the inputs, or has left one undecided for longer than the bound, is not verified
 * however well what it did publish compares.
 *
 * @param logInputs input records in the log (in scope: the partner's partition under --partner)
 * @param verified inputs folded and compared
 * @param undecided inputs in the log the ledger has not decided yet
 * @param oldestUndecidedAgeMillis how long ago the oldest undecided input was written (0 when none)
 * @param maxUndecidedAge how long an input may stay undecided before the ledger counts as stalled
 */
public record Coverage(long logInputs, long verified, long undecided, long oldestUndecidedAgeMillis, Duration maxUndecidedAge) {

  /** What a verify concludes. */
  public enum Verdict {
    /** Every input checked agrees, nothing is left undecided beyond the bound, and something was checked. */
    VERIFIED,
    /** The published ledger differs from the rules' fold. */
    DIFFERENCES,
    /** The ledger has left inputs undecided beyond the bound: it is stuck or stopped. */
    STALLED,
    /** The log holds inputs, and the ledger has decided none of them. */
    NOTHING_VERIFIED
  }

  public Verdict verdict(long differences) {
    if (differences > 0) {
      return Verdict.DIFFERENCES;
    }
    if (undecided > 0 && oldestUndecidedAgeMillis > maxUndecidedAge.toMillis()) {
      return Verdict.STALLED;
    }
    if (verified == 0 && logInputs > 0) {
      return Verdict.NOTHING_VERIFIED;
    }
    return Verdict.VERIFIED;
  }

  /** Verified inputs as a share of the log's, in percent (100 for an empty log). */
  public double percent() {
    return logInputs == 0 ? 100.0 : 100.0 * verified / logInputs;
  }
}
