package io.orderledger.testing.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Ports for the servers a test starts, each one free when asked for and never handed out twice in this JVM.
 *
 * <p>Asking the kernel for an ephemeral port and closing the socket at once (the usual {@code new ServerSocket(0)})
 * may give the same port to two calls in a row: a fresh-clone CI run wrote one port into the configuration of two of
 * its three KRaft controllers, the second died on {@code Address already in use}, and the quorum that was meant to
 * survive the loss of its leader had one voter to spare, not two. A port handed out here is remembered, and the
 * kernel is asked again when it offers one of them.
 */
public final class FreePorts {

  private static final int ATTEMPTS = 100;
  private static final Set<Integer> HANDED_OUT = new HashSet<>();

  private FreePorts() {
  }

  /** A port free on the loopback interface now, and not returned before by this JVM. */
  public static synchronized int freePort() {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      int port = ask(0);
      if (HANDED_OUT.add(port)) {
        return port;
      }
    }
    throw new IllegalStateException("the kernel offered only ports already handed out, " + ATTEMPTS + " times");
  }

  private static int ask(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
