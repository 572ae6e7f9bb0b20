package io.orderledger.query.api;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat refuses some requests before any servlet sees them (bad percent-encoding, an encoded slash or NUL in the
 * path) and answers with its own HTML page. This valve answers those in the API's envelope instead. Two of Tomcat's
 * refusals come as 5xx although the fault is the client's: an unsupported transfer coding (501) and an HTTP version
 * other than 1.x (505); they are answered 400, so that a 5xx always means the server failed.
 */
public final class JsonErrorReportValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.isCommitted() || response.getContentWritten() > 0) {
      return;
    }
    if (status == 501 || status == 505) {
      status = 400;
      response.setStatus(status);
    }
    ApiError error = switch (status) {
      case 400 -> ApiError.INVALID_REQUEST;
      case 404 -> ApiError.NOT_FOUND;
      case 405 -> ApiError.METHOD_NOT_ALLOWED;
      case 503 -> ApiError.UNAVAILABLE;
      default -> status < 500 ? ApiError.INVALID_REQUEST : ApiError.INTERNAL_ERROR;
    };
    try {
      response.setContentType("application/json");
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(new String(ResponseBodies.error(error, status == 500 ? "Internal error" : "Malformed request"), StandardCharsets.UTF_8));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // The client is gone or the response was taken over; nothing left to say.
    }
  }
}
