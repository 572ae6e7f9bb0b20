package io.orderledger.query.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The query service: the NetConnect orders API, answered from Kafka Streams state stores. */
@SpringBootApplication(scanBasePackages = "io.orderledger.query")
@ConfigurationPropertiesScan
public class QueryApplication {

  public static void main(String[] args) {
    SpringApplication.run(QueryApplication.class, args);
  }
}
