package io.orderledger.query.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

class RoutingPolicyTest {

  private static final HostInfo SELF = new HostInfo("10.0.0.1", 8080);
  private static final HostInfo OTHER = new HostInfo("10.0.0.2", 8080);
  private final RoutingPolicy withStandbys = new RoutingPolicy(SELF, true);
  private final RoutingPolicy withoutStandbys = new RoutingPolicy(SELF, false);

  @Test
  void theActiveInstanceAnswersItself() {
    assertThat(withStandbys.route(new PartitionOwnership(true, 3, SELF, Set.of()), false)).isEqualTo(new Route.Local(3, false));
    assertThat(withStandbys.route(new PartitionOwnership(true, 3, SELF, Set.of()), true)).isEqualTo(new Route.Local(3, false));
  }

  @Test
  void anotherInstanceForwardsOnce() {
    assertThat(withStandbys.route(new PartitionOwnership(true, 3, OTHER, Set.of()), false)).isEqualTo(new Route.Forward(OTHER));
    assertThat(withStandbys.route(new PartitionOwnership(true, 3, OTHER, Set.of()), true)).isInstanceOf(Route.Unavailable.class);
  }

  @Test
  void aStandbyAnswersWhenNoActiveIsKnownOrReachable() {
    PartitionOwnership rebalancing = new PartitionOwnership(true, -1, null, Set.of(SELF));
    PartitionOwnership activeElsewhere = new PartitionOwnership(true, 3, OTHER, Set.of(SELF));

    assertThat(withStandbys.route(new PartitionOwnership(true, 3, null, Set.of(SELF)), false)).isEqualTo(new Route.Local(3, true));
    assertThat(withStandbys.activeUnreachable(activeElsewhere)).isEqualTo(new Route.Local(3, true));
    assertThat(withStandbys.route(rebalancing, false)).as("no partition known: nothing to read").isInstanceOf(Route.Unavailable.class);
  }

  @Test
  void anOwnerStillRestoringIsReplacedByAStandbyHereAndOnlyThen() {
    PartitionOwnership activeElsewhere = new PartitionOwnership(true, 3, OTHER, Set.of(SELF));

    assertThat(withStandbys.insteadOfOwnersAnswer(activeElsewhere, 503)).contains(new Route.Local(3, true));
    assertThat(withStandbys.insteadOfOwnersAnswer(activeElsewhere, 200)).as("the owner's answer stands").isEmpty();
    assertThat(withStandbys.insteadOfOwnersAnswer(activeElsewhere, 404)).as("a 404 is an answer, not a restart").isEmpty();
    assertThat(withoutStandbys.insteadOfOwnersAnswer(activeElsewhere, 503)).isEmpty();
    assertThat(withStandbys.insteadOfOwnersAnswer(new PartitionOwnership(true, 3, OTHER, Set.of()), 503))
        .as("no standby here: the owner's 503, with its Retry-After, goes to the client").isEmpty();
  }

  @Test
  void withoutAStandbyHereTheAnswerIsUnavailableNeverAGuess() {
    assertThat(withoutStandbys.route(new PartitionOwnership(true, 3, null, Set.of(SELF)), false)).isInstanceOf(Route.Unavailable.class);
    assertThat(withStandbys.route(new PartitionOwnership(true, 3, null, Set.of(OTHER)), false)).isInstanceOf(Route.Unavailable.class);
    assertThat(withStandbys.activeUnreachable(new PartitionOwnership(true, 3, OTHER, Set.of()))).isInstanceOf(Route.Unavailable.class);
  }

  @Test
  void anInstanceRunningAloneAnswersEverything() {
    RoutingPolicy alone = new RoutingPolicy(HostInfo.unavailable(), true);

    assertThat(alone.alone()).isTrue();
    assertThat(alone.route(new PartitionOwnership(true, 5, HostInfo.unavailable(), Set.of()), false)).isEqualTo(new Route.Local(5, false));
  }

  @Test
  void nothingIsAnsweredBeforeKafkaStreamsRuns() {
    assertThat(withStandbys.route(new PartitionOwnership(false, -1, null, Set.of()), false)).isInstanceOf(Route.Unavailable.class);
  }
}
