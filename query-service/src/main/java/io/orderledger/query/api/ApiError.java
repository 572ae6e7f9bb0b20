package io.orderledger.query.api;

import org.springframework.http.HttpStatus;

/** Every error the API can return, each with its stable code. The body is always {@code {"success":false,"error":{...}}}. */
public enum ApiError {
  INVALID_ORDER_TYPE(HttpStatus.BAD_REQUEST),
  INVALID_STATE(HttpStatus.BAD_REQUEST),
  INVALID_LIMIT(HttpStatus.BAD_REQUEST),
  INVALID_CURSOR(HttpStatus.BAD_REQUEST),
  INVALID_TIME(HttpStatus.BAD_REQUEST),
  INVALID_RANGE(HttpStatus.BAD_REQUEST),
  INVALID_CURRENCY(HttpStatus.BAD_REQUEST),
  INVALID_REQUEST(HttpStatus.BAD_REQUEST),
  UNAUTHORIZED(HttpStatus.UNAUTHORIZED),
  FORBIDDEN(HttpStatus.FORBIDDEN),
  ORDER_NOT_FOUND(HttpStatus.NOT_FOUND),
  /** With asOf: the partner's order exists, and was first recorded after that time. Another partner's ids stay ORDER_NOT_FOUND. */
  ORDER_NOT_RECORDED_YET(HttpStatus.NOT_FOUND),
  NOT_FOUND(HttpStatus.NOT_FOUND),
  METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED),
  NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE),
  RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS),
  UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE),
  INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR);

  private final HttpStatus status;

  ApiError(HttpStatus status) {
    this.status = status;
  }

  public HttpStatus status() {
    return status;
  }
}
