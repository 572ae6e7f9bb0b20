package io.orderledger.poller.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The provider poller: watches every configured upstream source and produces what changed, exactly once. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PollerApplication {

  public static void main(String[] args) {
    SpringApplication.run(PollerApplication.class, args);
  }
}
