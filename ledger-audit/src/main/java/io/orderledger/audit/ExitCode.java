package io.orderledger.audit;

/** What {@code ledger-audit} exits with, for scripts and CI jobs that run it. */
public final class ExitCode {

  /** Everything matched, or the command did what it says. */
  public static final int OK = 0;
  /** Differences were found (listed in the report). */
  public static final int DIFFERENCES = 1;
  /** The command could not run: a one-line reason on stderr. */
  public static final int CANNOT_RUN = 2;

  private ExitCode() {
  }
}
