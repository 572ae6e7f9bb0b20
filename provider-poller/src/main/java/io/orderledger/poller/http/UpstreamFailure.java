package io.orderledger.poller.http;

/**
 * Why an upstream call did not give a usable answer. Each kind is a metric tag, so an operator sees what is failing.
 */
public final class UpstreamFailure extends RuntimeException {

  /** What went wrong, from the poller's point of view. */
  public enum Kind {
    /** No answer in time: connect or read timeout. Retried. */
    TIMEOUT(true),
    /** The connection failed or broke. Retried. */
    IO(true),
    /** 5xx. Retried. */
    SERVER_ERROR(true),
    /** 429: retried after the {@code Retry-After} the source asked for. */
    TOO_MANY_REQUESTS(true),
    /** 4xx other than 429 (bad credentials, bad request): retrying would not help. */
    CLIENT_ERROR(false),
    /** A redirect: not followed, a poller never sends its credentials to another host. */
    REDIRECT(false),
    /** The body exceeded the maximum response size. */
    TOO_LARGE(false),
    /** The source's circuit breaker is open: the call was not made. */
    CIRCUIT_OPEN(false);

    private final boolean retriable;

    Kind(boolean retriable) {
      this.retriable = retriable;
    }

    public boolean retriable() {
      return retriable;
    }

    public String tag() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  private final Kind kind;
  private final int status;
  private final long retryAfterMillis;

  public UpstreamFailure(Kind kind, int status, long retryAfterMillis, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.status = status;
    this.retryAfterMillis = retryAfterMillis;
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status, or 0 when there was no response. */
  public int status() {
    return status;
  }

  /** What {@code Retry-After} asked for, in milliseconds, or -1. */
  public long retryAfterMillis() {
    return retryAfterMillis;
  }
}
