package io.orderledger.query.api;

import io.orderledger.query.read.InvalidCursor;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Every failure inside Spring MVC as the API's error envelope with its code; never a stack trace. */
@RestControllerAdvice
public class ApiExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler(ApiException.class)
  public ResponseEntity<byte[]> api(ApiException e) {
    return ResponseBodies.failure(e);
  }

  /** A cursor the readers could not open: the client's to fix, with the same words whatever was wrong with it. */
  @ExceptionHandler(InvalidCursor.class)
  public ResponseEntity<byte[]> cursor(InvalidCursor e) {
    return ResponseBodies.failure(new ApiException(ApiError.INVALID_CURSOR, e.getMessage()));
  }

  @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
  public ResponseEntity<byte[]> notFound(Exception e) {
    return ResponseBodies.failure(new ApiException(ApiError.NOT_FOUND, "No such endpoint"));
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  public ResponseEntity<byte[]> method(HttpRequestMethodNotSupportedException e) {
    return ResponseBodies.failure(new ApiException(ApiError.METHOD_NOT_ALLOWED, "Method " + e.getMethod() + " is not allowed here"));
  }

  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  public ResponseEntity<byte[]> notAcceptable(Exception e) {
    return ResponseBodies.failure(new ApiException(ApiError.NOT_ACCEPTABLE, "This API answers in application/json"));
  }

  @ExceptionHandler({ServletRequestBindingException.class, MethodArgumentTypeMismatchException.class,
      org.springframework.web.bind.MissingServletRequestParameterException.class,
      org.springframework.http.converter.HttpMessageNotReadableException.class,
      // Tomcat parses the query string lazily, on the first parameter read, and throws on a malformed one
      // (a name-less "=value", broken percent-encoding): the client's fault, found by HostileRequestsIT.
      org.apache.tomcat.util.http.InvalidParameterException.class})
  public ResponseEntity<byte[]> badRequest(Exception e) {
    return ResponseBodies.failure(new ApiException(ApiError.INVALID_REQUEST, "Malformed request"));
  }

  @ExceptionHandler(Exception.class)
  public ResponseEntity<byte[]> unexpected(Exception e, HttpServletRequest request) {
    // Any other refusal Spring MVC itself classes as the client's (an unsupported Content-Type or charset, ...).
    if (e instanceof org.springframework.web.ErrorResponse refusal && refusal.getStatusCode().is4xxClientError()) {
      return ResponseBodies.failure(new ApiException(ApiError.INVALID_REQUEST, "Malformed request"));
    }
    log.error("unexpected failure answering {} {}", request.getMethod(), request.getRequestURI(), e);
    return ResponseBodies.failure(new ApiException(ApiError.INTERNAL_ERROR, "Internal error"));
  }
}
