package io.orderledger.query.api;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors raised outside Spring MVC (by the servlet container) reach /error: answer them in the API's envelope too,
 * instead of Spring Boot's default page.
 */
@Hidden
@RestController
public class ApiErrorController implements ErrorController {

  @RequestMapping("/error")
  public ResponseEntity<byte[]> error(HttpServletRequest request) {
    Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int code = status instanceof Integer i ? i : 500;
    ApiError error = switch (code) {
      case 400 -> ApiError.INVALID_REQUEST;
      case 401 -> ApiError.UNAUTHORIZED;
      case 403 -> ApiError.FORBIDDEN;
      case 404 -> ApiError.NOT_FOUND;
      case 405 -> ApiError.METHOD_NOT_ALLOWED;
      case 406 -> ApiError.NOT_ACCEPTABLE;
      case 429 -> ApiError.RATE_LIMITED;
      case 503 -> ApiError.UNAVAILABLE;
      default -> code >= 400 && code < 500 ? ApiError.INVALID_REQUEST : ApiError.INTERNAL_ERROR;
    };
    return ResponseBodies.failure(new ApiException(error, code == 500 ? "Internal error" : "Request failed"));
  }
}
