package io.orderledger.query.api;

import io.orderledger.events.contract.ContractDocuments;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The event contract for platform teams, at stable paths and without a key (it describes topics, not a partner's data):
 * {@code GET /events/asyncapi.json}, the AsyncAPI 3.0 document of every topic, and
 * {@code GET /events/schemas/<topic>/v<N>.avsc}, each topic's self-contained value schema of each version. Both are the
 * files the order-events-schema jar ships, served as they are; not part of the orders API (kept out of its OpenAPI).
 */
@Hidden
@RestController
public class EventContractController {

  private static final MediaType JSON = MediaType.APPLICATION_JSON;
  private final byte[] asyncApi = read(ContractDocuments.ASYNCAPI);
  /** The published schema files, "topic/vN.avsc": only these are served, so a path can name nothing else. */
  private final Set<String> schemas = new String(read(ContractDocuments.SCHEMA_INDEX), java.nio.charset.StandardCharsets.UTF_8)
      .lines().filter(line -> !line.isBlank()).collect(Collectors.toUnmodifiableSet());

  @GetMapping("/events/asyncapi.json")
  public ResponseEntity<byte[]> asyncApi() {
    return ResponseEntity.ok().contentType(JSON).cacheControl(CacheControl.noCache()).body(asyncApi);
  }

  @GetMapping("/events/schemas/{topic}/{file}")
  public ResponseEntity<byte[]> schema(@PathVariable String topic, @PathVariable String file) {
    String path = topic + "/" + file;
    if (!schemas.contains(path)) {
      throw new ApiException(ApiError.NOT_FOUND, "No published schema " + path + ": see /events/asyncapi.json for the topics and versions");
    }
    return ResponseEntity.ok().contentType(JSON).cacheControl(CacheControl.noCache()).body(read("topics/" + path));
  }

  private static byte[] read(String file) {
    String resource = ContractDocuments.ROOT + "/" + file;
    try (InputStream in = EventContractController.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the classpath: the order-events-schema jar is incomplete");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
