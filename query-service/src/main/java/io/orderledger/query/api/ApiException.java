package io.orderledger.query.api;

/** A request the API refuses, with its error code; {@code retryAfterSeconds} is sent as Retry-After when set. */
public final class ApiException extends RuntimeException {

  private final ApiError error;
  private final Long retryAfterSeconds;

  public ApiException(ApiError error, String message) {
    this(error, message, null);
  }

  public ApiException(ApiError error, String message, Long retryAfterSeconds) {
    super(message, null, false, false);
    this.error = error;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public ApiError error() {
    return error;
  }

  public Long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
