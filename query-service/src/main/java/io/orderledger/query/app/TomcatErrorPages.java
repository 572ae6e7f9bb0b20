package io.orderledger.query.app;

import io.orderledger.query.api.AdapterRefusals;
import io.orderledger.query.api.JsonErrorReportValve;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.core.StandardHost;
import org.apache.coyote.AbstractProtocol;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Puts the API's envelope in place of Tomcat's own refusals: {@link JsonErrorReportValve} instead of the HTML error
 * pages, and {@link AdapterRefusals} around the connector's adapter (set when the connector initialises, which
 * is when Tomcat creates it) for the targets no valve sees.
 */
@Component
class TomcatErrorPages implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    factory.addContextCustomizers(context -> {
      if (context.getParent() instanceof StandardHost host) {
        host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
      }
    });
    factory.addConnectorCustomizers(connector -> connector.addLifecycleListener(event -> {
      if (Lifecycle.AFTER_INIT_EVENT.equals(event.getType()) && connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol
          && !(protocol.getAdapter() instanceof AdapterRefusals)) {
        protocol.setAdapter(new AdapterRefusals(protocol.getAdapter()));
      }
    }));
  }
}
