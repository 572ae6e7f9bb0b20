package io.orderledger.query.api;

import java.nio.ByteBuffer;
import org.apache.coyote.Adapter;
import org.apache.coyote.Request;
import org.apache.coyote.Response;
import org.apache.tomcat.util.net.SocketEvent;

/**
 * Answers in the API's envelope the two kinds of request that Tomcat's own adapter answers before any host or context
 * is mapped, so that no valve ({@link JsonErrorReportValve}) and no servlet ever sees them:
 *
 * <ul>
 *   <li><b>The asterisk-form</b> ({@code OPTIONS * HTTP/1.1}, RFC 9112 section 3.2.4). A refusal the connector found
 *       earlier (a request line that does not parse, an unsupported transfer coding) would go out as a bare status
 *       with no body, a 501 or 505 as a 5xx. A well-formed {@code OPTIONS *} still goes to Tomcat (200 with
 *       {@code Allow}).
 *   <li><b>HTTP/0.9</b>: a request line with no HTTP version, such as a target holding a line break. HTTP/0.9 has no
 *       status line and no headers, so no key can be sent; it is refused with the {@code INVALID_REQUEST} envelope as
 *       its only answer (the connector writes no status or headers for it), and the application never serves it.
 * </ul>
 *
 * Everything else goes to Tomcat's adapter unchanged.
 */
public final class AdapterRefusals implements Adapter {

  private final Adapter tomcat;

  public AdapterRefusals(Adapter tomcat) {
    this.tomcat = tomcat;
  }

  @Override
  public void service(Request request, Response response) throws Exception {
    if (response.isCommitted()) {
      tomcat.service(request, response);
    } else if (request.protocol().equals("")) {
      refuse(response, 400, "HTTP/0.9 is not supported: send HTTP/1.1");
    } else if (response.getStatus() >= 400 && request.requestURI().equals("*")) {
      int status = ConnectorRefusals.status(response.getStatus());
      refuse(response, status, ConnectorRefusals.message(status));
    } else {
      if (request.requestURI().equals("*")) {
        // OPTIONS * is answered by Tomcat itself, past every filter: it gets the header every other answer gets there.
        response.setHeader("X-Content-Type-Options", "nosniff");
      }
      tomcat.service(request, response);
    }
  }

  private static void refuse(Response response, int status, String message) throws java.io.IOException {
    byte[] body = ResponseBodies.error(ConnectorRefusals.error(status), message);
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.setHeader("X-Content-Type-Options", "nosniff"); // no filter runs for a request refused here
    response.setContentLength(body.length);
    response.doWrite(ByteBuffer.wrap(body));
  }

  @Override
  public boolean prepare(Request request, Response response) throws Exception {
    return tomcat.prepare(request, response);
  }

  @Override
  public boolean asyncDispatch(Request request, Response response, SocketEvent status) throws Exception {
    return tomcat.asyncDispatch(request, response, status);
  }

  @Override
  public void log(Request request, Response response, long time) {
    tomcat.log(request, response, time);
  }

  @Override
  public void checkRecycled(Request request, Response response) {
    tomcat.checkRecycled(request, response);
  }

  @Override
  public String getDomain() {
    return tomcat.getDomain();
  }
}
