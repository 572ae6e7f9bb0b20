package io.orderledger.query.api;

/**
 * How a refusal made by Tomcat's connector, before any servlet sees the request, is answered in the API's envelope.
 * Two of those refusals come as 5xx although the fault is the client's: an unsupported transfer coding (501) and an
 * HTTP version other than 1.x (505); both are answered 400, so that a 5xx always means the server failed.
 */
final class ConnectorRefusals {

  static final String MESSAGE = "Malformed request";

  private ConnectorRefusals() {
  }

  /** The status the client gets for the connector's {@code status}. */
  static int status(int status) {
    return status == 501 || status == 505 ? 400 : status;
  }

  /** The stable code for a (mapped) refusal status. */
  static ApiError error(int status) {
    return switch (status) {
      case 400 -> ApiError.INVALID_REQUEST;
      case 404 -> ApiError.NOT_FOUND;
      case 405 -> ApiError.METHOD_NOT_ALLOWED;
      case 503 -> ApiError.UNAVAILABLE;
      default -> status < 500 ? ApiError.INVALID_REQUEST : ApiError.INTERNAL_ERROR;
    };
  }

  static String message(int status) {
    return status == 500 ? "Internal error" : MESSAGE;
  }
}
