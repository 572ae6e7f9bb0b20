package io.orderledger.benchmarks.peer;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.orderledger.query.api.ApiAccessFilter;
import io.orderledger.query.api.ApiClient;
import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Postgres-backed peer of List Orders and Get Order, added to the query service only by the peer benchmark:
 * the same API-key filter, the same JSON (rendered by the peer's fold with the API's own renderer and stored with the
 * row), keyset pagination on the {@code (partner_id, created_at desc, order_id desc)} index, a HikariCP pool. The
 * list's scope is the API's default (data and result-checker orders) or one state.
 */
@RestController
@RequestMapping("/api/v1/pg")
public class PostgresOrdersEndpoint {

  private static final byte[] LIST_HEAD = "{\"success\":true,\"data\":{\"orders\":[".getBytes(StandardCharsets.US_ASCII);
  private final HikariDataSource pool;

  public PostgresOrdersEndpoint() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(System.getProperty("peer.jdbcUrl"));
    config.setMaximumPoolSize(Integer.getInteger("peer.poolSize", 16));
    config.setAutoCommit(true);
    config.setReadOnly(true);
    pool = new HikariDataSource(config);
  }

  @PreDestroy
  void close() {
    pool.close();
  }

  @GetMapping("/orders")
  public ResponseEntity<byte[]> list(@RequestParam(required = false) String state, @RequestParam(defaultValue = "20") int limit,
                                     @RequestParam(required = false) String cursor, HttpServletRequest request) throws SQLException {
    ApiClient client = (ApiClient) request.getAttribute(ApiAccessFilter.CLIENT_ATTRIBUTE);
    if (client == null) {
      return ResponseEntity.status(401).build();
    }
    int size = Math.max(1, Math.min(limit, 100));
    long afterCreated = Long.MAX_VALUE;
    String afterId = "\uffff";
    if (cursor != null) {
      ByteBuffer decoded = ByteBuffer.wrap(Base64.getUrlDecoder().decode(cursor));
      afterCreated = decoded.getLong();
      byte[] id = new byte[decoded.remaining()];
      decoded.get(id);
      afterId = new String(id, StandardCharsets.UTF_8);
    }
    String sql = state == null
        ? "select order_id, created_at, json from order_views where partner_id = ? and order_type in ('data', 'result_checker') "
            + "and (created_at, order_id) < (?, ?) order by created_at desc, order_id desc limit ?"
        : "select order_id, created_at, json from order_views where partner_id = ? and state = ? "
            + "and (created_at, order_id) < (?, ?) order by created_at desc, order_id desc limit ?";
    ByteArrayOutputStream body = new ByteArrayOutputStream(16_384);
    body.writeBytes(LIST_HEAD);
    int rows = 0;
    long lastCreated = 0;
    String lastId = null;
    try (Connection connection = pool.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
      int i = 1;
      statement.setString(i++, client.partnerId());
      if (state != null) {
        statement.setString(i++, state);
      }
      statement.setLong(i++, afterCreated);
      statement.setString(i++, afterId);
      statement.setInt(i, size + 1);
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          if (rows == size) {
            rows++;
            break;
          }
          if (rows > 0) {
            body.write(',');
          }
          lastId = result.getString(1);
          lastCreated = result.getLong(2);
          body.writeBytes(result.getBytes(3));
          rows++;
        }
      }
    }
    boolean done = rows <= size;
    byte[] lastIdBytes = lastId == null ? new byte[0] : lastId.getBytes(StandardCharsets.UTF_8);
    String next = lastId == null ? "" : Base64.getUrlEncoder().withoutPadding().encodeToString(
        ByteBuffer.allocate(8 + lastIdBytes.length).putLong(lastCreated).put(lastIdBytes).array());
    body.writeBytes(("],\"isDone\":" + done + ",\"continueCursor\":\"" + next + "\"}}").getBytes(StandardCharsets.US_ASCII));
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body.toByteArray());
  }

  @GetMapping("/orders/{orderId}")
  public ResponseEntity<byte[]> get(@PathVariable String orderId, HttpServletRequest request) throws SQLException {
    ApiClient client = (ApiClient) request.getAttribute(ApiAccessFilter.CLIENT_ATTRIBUTE);
    if (client == null) {
      return ResponseEntity.status(401).build();
    }
    try (Connection connection = pool.getConnection();
         PreparedStatement statement = connection.prepareStatement("select json from order_views where partner_id = ? and order_id = ?")) {
      statement.setString(1, client.partnerId());
      statement.setString(2, orderId);
      try (ResultSet result = statement.executeQuery()) {
        if (!result.next()) {
          return ResponseEntity.status(404).contentType(MediaType.APPLICATION_JSON)
              .body("{\"success\":false,\"error\":{\"code\":\"ORDER_NOT_FOUND\",\"message\":\"Order not found\"}}".getBytes(StandardCharsets.US_ASCII));
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(1_024);
        body.writeBytes("{\"success\":true,\"data\":".getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(result.getBytes(1));
        body.write('}');
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body.toByteArray());
      }
    }
  }
}
