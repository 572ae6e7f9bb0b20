package io.orderledger.query.api;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat refuses some requests before any servlet sees them (bad percent-encoding, an encoded slash or NUL in the
 * path) and answers with its own HTML page. This valve answers those in the API's envelope instead
 * ({@link ConnectorRefusals}). Requests that never reach a valve (the asterisk-form, HTTP/0.9): {@link AdapterRefusals}
 * answers those.
 */
public final class JsonErrorReportValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.isCommitted() || response.getContentWritten() > 0) {
      return;
    }
    status = ConnectorRefusals.status(status);
    response.setStatus(status);
    try {
      response.setContentType("application/json");
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      response.setHeader("X-Content-Type-Options", "nosniff"); // refused before any filter ran
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(new String(ResponseBodies.error(ConnectorRefusals.error(status), ConnectorRefusals.message(status)),
            StandardCharsets.UTF_8));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // The client is gone or the response was taken over; nothing left to say.
    }
  }
}
