package io.orderledger.simulator.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.orderledger.simulator.api.ApiReply;
import io.orderledger.simulator.api.ApiRequest;
import io.orderledger.simulator.api.SourceApi;
import io.orderledger.simulator.sources.SimulatedApis;
import io.orderledger.simulator.world.ProviderWorld;
import io.orderledger.simulator.world.SimSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The simulator's HTTP face, on loopback only: source {@code <id>} is served under {@code /<id>/} in its own API
 * shape, with the configured faults; {@code /control/…} lets a test or an operator step the world and switch faults.
 */
public final class ProviderSimulator implements AutoCloseable {

  static {
    // The JDK's server writes headers and body separately; with Nagle on, a small answer waits for the client's
    // delayed ACK (40 ms a request). Real APIs answer at once. Read once, when the first server is created.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final ProviderWorld world;
  private final Faults faults;
  private final HttpServer server;
  private final ExecutorService handlers;
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "simulator-ticker");
    thread.setDaemon(true);
    return thread;
  });
  private volatile boolean paused;

  private ProviderSimulator(ProviderWorld world, Faults faults, HttpServer server, ExecutorService handlers) {
    this.world = world;
    this.faults = faults;
    this.server = server;
    this.handlers = handlers;
  }

  /** Starts serving on 127.0.0.1 ({@code port} 0 picks a free one). */
  public static ProviderSimulator start(ProviderWorld world, Faults faults, int port) {
    return start(world, faults, "127.0.0.1", port);
  }

  /** @param host the address to bind: loopback unless a container needs the simulator reachable from others */
  public static ProviderSimulator start(ProviderWorld world, Faults faults, String host, int port) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 128);
      ExecutorService handlers = Executors.newFixedThreadPool(8, r -> {
        Thread thread = new Thread(r, "simulator-http");
        thread.setDaemon(true);
        return thread;
      });
      server.setExecutor(handlers);
      ProviderSimulator simulator = new ProviderSimulator(world, faults, server, handlers);
      server.createContext("/", simulator::handle);
      server.start();
      return simulator;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
    }
  }

  public ProviderWorld world() {
    return world;
  }

  public Faults faults() {
    return faults;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Where source {@code sourceId} is served, to configure a poller with. */
  public String baseUrl(String sourceId) {
    return "http://127.0.0.1:" + port() + "/" + sourceId;
  }

  /** Steps the world on a timer, for a steady flow of orders (the local stack). */
  public void tickEvery(long millis) {
    ticker.scheduleAtFixedRate(() -> {
      if (!paused) {
        world.step();
      }
    }, millis, millis, TimeUnit.MILLISECONDS);
  }

  /**
   * Stops (or restarts) the ticking clock: while paused the upstream makes no change, as if its traffic stopped, and
   * still answers every request. A fault test holds the upstream still while it breaks Kafka.
   */
  public void setPaused(boolean paused) {
    this.paused = paused;
  }

  public boolean paused() {
    return paused;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      String[] segments = path.split("/", 3);
      if (segments.length < 2 || segments[1].isEmpty()) {
        send(exchange, ApiReply.json(404, "{\"message\":\"no such source\"}".getBytes(StandardCharsets.UTF_8)));
        return;
      }
      String rest = segments.length == 3 ? "/" + segments[2] : "/";
      ApiRequest request = new ApiRequest(exchange.getRequestMethod(), rest, query(exchange.getRequestURI().getRawQuery()),
          exchange.getRequestHeaders());
      if (segments[1].equals("control")) {
        send(exchange, SimulatorControl.handle(this, request));
        return;
      }
      send(exchange, serveSource(segments[1], request));
    } catch (RuntimeException e) {
      // A bug in the simulator must show as a 500 with a reason, never as a hung connection.
      send(exchange, ApiReply.json(500, ("{\"message\":\"simulator error: " + e + "\"}").getBytes(StandardCharsets.UTF_8)));
    }
  }

  /** Answers a request to one source, faults included. Public so benchmarks can measure rendering alone. */
  public ApiReply serveSource(String sourceId, ApiRequest request) {
    SimSource source = world.read(view -> view.source(sourceId));
    if (source == null) {
      return ApiReply.json(404, "{\"message\":\"no such source\"}".getBytes(StandardCharsets.UTF_8));
    }
    if (!"GET".equals(request.method())) {
      return ApiReply.json(405, "{\"message\":\"method not allowed\"}".getBytes(StandardCharsets.UTF_8));
    }
    SourceApi api = SimulatedApis.of(source.shape()).api();
    boolean listing = api.isListing(request.path());
    Faults.Kind fault = faults.draw(listing);
    if (faults.slow()) {
      faults.count(sourceId, "slow");
      sleep(faults.rates().slowMillis());
    }
    switch (fault) {
      case TOO_MANY_REQUESTS -> {
        faults.count(sourceId, "429");
        return ApiReply.json(429, "{\"error\":\"rate_limit_exceeded\",\"message\":\"Too many requests. Please try again later.\"}"
            .getBytes(StandardCharsets.UTF_8)).withHeader("Retry-After", String.valueOf(faults.rates().retryAfterSeconds()));
      }
      case SERVER_ERROR -> {
        faults.count(sourceId, "500");
        return ApiReply.json(500, "{\"message\":\"Internal server error\"}".getBytes(StandardCharsets.UTF_8));
      }
      default -> {
      }
    }
    SourceApi.PageFault pageFault = listing ? faults.pageFault(sourceId) : SourceApi.PageFault.NONE;
    ApiReply reply = world.read(view -> api.handle(view, source, request, pageFault));
    if (fault == Faults.Kind.MALFORMED && reply.status() == 200) {
      faults.count(sourceId, "malformed-page");
      // Cut the body in the middle: what a proxy that dropped the connection would deliver.
      return reply.withBody(Arrays.copyOf(reply.body(), Math.max(1, reply.body().length / 2)));
    }
    return reply;
  }

  private static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(value);
    }
    return params;
  }

  private static void send(HttpExchange exchange, ApiReply reply) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
    exchange.getResponseBody().write(reply.body());
  }

  private static void sleep(int millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    server.stop(0);
    handlers.shutdownNow();
  }
}
