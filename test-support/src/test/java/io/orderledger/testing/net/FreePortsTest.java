package io.orderledger.testing.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {

  @Test
  void neverHandsOutAPortTwiceThoughTheKernelMayOfferItAgain() throws Exception {
    Set<Integer> ports = new HashSet<>();
    for (int n = 0; n < 2_000; n++) {
      assertThat(ports.add(FreePorts.freePort())).as("port handed out twice after %d", n).isTrue();
    }
  }

  @Test
  void aPortHandedOutCanBeBoundAtOnce() throws Exception {
    int port = FreePorts.freePort();
    try (ServerSocket server = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(server.getLocalPort()).isEqualTo(port);
    }
  }
}
