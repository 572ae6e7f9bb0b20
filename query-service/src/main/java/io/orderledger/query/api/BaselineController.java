package io.orderledger.query.api;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The query benchmark's baseline: a pre-rendered JSON body of a requested size, through the same filters (key, rate
 * limit) and permission check as the real endpoints, so that the difference measures the store reads and assembly.
 * Exists only with {@code query.benchmark-baseline=true}.
 */
@Hidden
@RestController
@RequestMapping("/api/v1")
@ConditionalOnProperty(name = "query.benchmark-baseline", havingValue = "true")
public class BaselineController {

  private final Map<Integer, byte[]> bodies = new ConcurrentHashMap<>();

  @GetMapping("/_baseline")
  public ResponseEntity<byte[]> baseline(@RequestParam(defaultValue = "1000") int bytes, HttpServletRequest request) {
    Clients.require(request, ApiClient.ORDERS_READ);
    return ResponseBodies.ok(bodies.computeIfAbsent(Math.max(40, Math.min(bytes, 1 << 20)), BaselineController::body));
  }

  private static byte[] body(int size) {
    byte[] head = "{\"success\":true,\"data\":{\"padding\":\"".getBytes(StandardCharsets.US_ASCII);
    byte[] tail = "\"}}".getBytes(StandardCharsets.US_ASCII);
    byte[] body = new byte[size];
    Arrays.fill(body, (byte) 'x');
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(tail, 0, body, size - tail.length, tail.length);
    return body;
  }
}
