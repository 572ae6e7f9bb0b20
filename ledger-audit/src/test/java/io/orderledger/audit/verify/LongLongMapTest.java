package io.orderledger.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import io.orderledger.testing.seed.TestSeeds;
import org.junit.jupiter.api.Test;

/** The compact map behaves as a HashMap does, through growth, removals and reuse of removed slots. */
class LongLongMapTest {

  @Test
  void agreesWithAHashMapOnRandomOperations() {
    LongLongMap map = new LongLongMap();
    Map<Long, Long> reference = new HashMap<>();
    long seed = TestSeeds.seed("LongLongMapTest", "audit.map.seed", 5);
    Random random = new Random(seed);
    for (int i = 0; i < 300_000; i++) {
      long key = Positions.of(random.nextInt(12), random.nextInt(50_000));
      switch (random.nextInt(3)) {
        case 0, 1 -> {
          long value = random.nextLong();
          map.put(key, value);
          reference.put(key, value);
        }
        default -> assertThat(map.remove(key, Long.MIN_VALUE)).isEqualTo(reference.containsKey(key) ? reference.remove(key) : Long.MIN_VALUE);
      }
    }
    assertThat(map.size()).isEqualTo(reference.size());
    reference.forEach((key, value) -> assertThat(map.get(key, 0)).isEqualTo(value));
    Map<Long, Long> visited = new HashMap<>();
    map.forEach(visited::put);
    assertThat(visited).isEqualTo(reference);
  }

  @Test
  void positionsPackAPartitionAndAnOffset() {
    long position = Positions.of(1_000, 5_000_000_000L);
    assertThat(Positions.partition(position)).isEqualTo(1_000);
    assertThat(Positions.offset(position)).isEqualTo(5_000_000_000L);
  }
}
