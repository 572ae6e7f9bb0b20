package io.orderledger.query.app;

import static io.orderledger.query.Views.entry;
import static io.orderledger.query.Views.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderledger.events.MovementDirection;
import io.orderledger.events.OrderState;
import io.orderledger.events.OrderType;
import io.orderledger.events.OrderView;
import io.orderledger.events.WalletEntry;
import io.orderledger.testing.kafka.KafkaBroker;
import io.orderledger.testing.kafka.KafkaBrokerExtension;
import io.orderledger.testing.net.FreePorts;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Two query-service instances share the partitions: either one answers for every partner, identically. */
@ExtendWith(KafkaBrokerExtension.class)
class QueryClusterIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void twoInstancesAnswerIdenticallyForEveryPartnerAndOneSurvivesTheOthersExit(KafkaBroker kafka) throws Exception {
    QueryServiceRunner runner = new QueryServiceRunner(kafka, "cluster-" + UUID.randomUUID().toString().substring(0, 8) + "-");
    List<OrderView> views = new ArrayList<>();
    List<WalletEntry> entries = new ArrayList<>();
    for (Map.Entry<String, String> partner : QueryServiceRunner.KEYS.entrySet()) {
      for (int i = 0; i < 15; i++) {
        views.add(view(partner.getKey(), partner.getKey() + "-o" + i, i % 2 == 0 ? OrderType.DATA : OrderType.AIRTIME,
            OrderState.values()[1 + i % 5], 1_775_000_000_000L + i, 1));
      }
      entries.add(entry(partner.getKey(), partner.getKey() + "-o0", MovementDirection.CREDIT, 5_000, 5_000, 1));
    }
    runner.send(views, entries);

    int first = FreePorts.freePort();
    int second = FreePorts.freePort();
    List<String> standby = List.of("--spring.kafka.streams.properties.num.standby.replicas=1", "--query.rate-limit.enabled=false");
    ConfigurableApplicationContext one = runner.start(first, standby);
    ConfigurableApplicationContext two = runner.start(second, standby);
    try {
      await().atMost(Duration.ofSeconds(120)).until(() -> everyPartnerComplete(runner, first) && everyPartnerComplete(runner, second));

      Set<String> servedBy = new HashSet<>();
      for (Map.Entry<String, String> partner : QueryServiceRunner.KEYS.entrySet()) {
        String key = partner.getValue();
        for (String path : List.of("/api/v1/orders/" + partner.getKey() + "-o3", "/api/v1/wallet")) {
          HttpResponse<String> a = runner.get(first, path, key);
          HttpResponse<String> b = runner.get(second, path, key);
          assertThat(a.statusCode()).isEqualTo(200);
          assertThat(a.body()).as(path).isEqualTo(b.body());
          servedBy.add(a.headers().firstValue("X-Served-By").orElse("?"));
          servedBy.add(b.headers().firstValue("X-Served-By").orElse("?"));
        }
        assertThat(orders(runner.get(first, "/api/v1/orders?orderType=all&limit=100", key)))
            .isEqualTo(orders(runner.get(second, "/api/v1/orders?orderType=all&limit=100", key))).hasSize(15);
      }
      assertThat(servedBy).as("some requests were answered locally and some forwarded").contains("active")
          .contains("forwarded");
      assertThat(servedBy).as("no internal address is ever named").allMatch(s -> s.equals("active") || s.equals("standby") || s.equals("forwarded"));

      two.close();
      Set<Integer> statuses = new HashSet<>();
      await().atMost(Duration.ofSeconds(120)).until(() -> {
        boolean allOk = true;
        for (Map.Entry<String, String> partner : QueryServiceRunner.KEYS.entrySet()) {
          int status = runner.get(first, "/api/v1/orders?orderType=all&limit=100", partner.getValue()).statusCode();
          statuses.add(status);
          allOk &= status == 200;
        }
        return allOk && everyPartnerComplete(runner, first);
      });
      assertThat(statuses).as("during the handover: answers, 503s at worst, never a 500").isSubsetOf(200, 503);
    } finally {
      one.close();
      two.close();
    }
  }

  private static boolean everyPartnerComplete(QueryServiceRunner runner, int port) {
    for (String key : QueryServiceRunner.KEYS.values()) {
      HttpResponse<String> response = runner.get(port, "/api/v1/orders?orderType=all&limit=100", key);
      if (response.statusCode() != 200 || orders(response).size() != 15) {
        return false;
      }
    }
    return true;
  }

  private static List<String> orders(HttpResponse<String> response) {
    List<String> ids = new ArrayList<>();
    JsonNode orders = JSON.readTree(response.body()).get("data").get("orders");
    orders.forEach(o -> ids.add(o.toString()));
    return ids;
  }
}
