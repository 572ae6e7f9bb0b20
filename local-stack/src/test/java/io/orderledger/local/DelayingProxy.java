package io.orderledger.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy on loopback that can delay every byte that crosses it, both ways: a slow broker made in user space,
 * because the kernel here has no {@code netem}. Each chunk read is held until {@code delay} after it arrived, then
 * written, so the connection keeps its throughput and gains latency, as a slow link does. Zero delay by default.
 */
final class DelayingProxy implements AutoCloseable {

  private record Chunk(long dueNanos, byte[] bytes) {
  }

  private static final Chunk END = new Chunk(0, new byte[0]);

  private final ServerSocket server;
  private final int target;
  private volatile long delayNanos;

  DelayingProxy(int port, int target) throws IOException {
    this.server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
    this.target = target;
    Thread acceptor = new Thread(this::accept, "delaying-proxy-" + port);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** The delay added to every chunk from now on, each way. */
  void delay(long millis) {
    delayNanos = TimeUnit.MILLISECONDS.toNanos(millis);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream;
        try {
          upstream = new Socket(InetAddress.getLoopbackAddress(), target);
        } catch (IOException down) {
          closeQuietly(client); // the broker is down: the client's connection drops, as it would
          continue;
        }
        client.setTcpNoDelay(true);
        upstream.setTcpNoDelay(true);
        pipe(client, upstream);
        pipe(upstream, client);
      } catch (IOException e) {
        // closed, or the target is down: the client sees its connection refused or dropped, as it would
      }
    }
  }

  /** One direction: a reader that stamps each chunk, a writer that sends it when due. */
  private void pipe(Socket from, Socket to) throws IOException {
    BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
    InputStream in = from.getInputStream();
    OutputStream out = to.getOutputStream();
    daemon(() -> {
      byte[] buffer = new byte[64 * 1024];
      try {
        for (int n; (n = in.read(buffer)) >= 0; ) {
          queue.add(new Chunk(System.nanoTime() + delayNanos, Arrays.copyOf(buffer, n)));
        }
      } catch (IOException e) {
        // the connection broke
      }
      queue.add(END);
    });
    daemon(() -> {
      try {
        for (Chunk chunk; (chunk = queue.take()) != END; ) {
          long wait = chunk.dueNanos() - System.nanoTime();
          if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
          }
          out.write(chunk.bytes());
          out.flush();
        }
      } catch (IOException | InterruptedException e) {
        // the other side broke
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    });
  }

  private static void daemon(Runnable body) {
    Thread thread = new Thread(body, "delaying-proxy-pipe");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
