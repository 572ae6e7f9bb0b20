package io.orderledger.audit;

/** A reason the command cannot run at all, said in one line (exit 2): never a stack trace for an operator. */
public final class CannotRun extends RuntimeException {

  public CannotRun(String reason) {
    super(reason);
  }

  public CannotRun(String reason, Throwable cause) {
    super(reason, cause);
  }

  /** The most telling one-line reason of any failure: ours as it is, anything else with its root cause. */
  static String reasonOf(Throwable e) {
    if (e instanceof CannotRun) {
      return e.getMessage();
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return root == e ? message : e.getClass().getSimpleName() + ": " + message;
  }
}
