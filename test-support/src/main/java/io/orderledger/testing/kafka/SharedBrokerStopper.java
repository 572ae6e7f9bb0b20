package io.orderledger.testing.kafka;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Stops the JVM's shared broker once the test plan has run, while the JVM is still whole.
 *
 * <p>Stopping it in a shutdown hook raced Kafka's own hooks, which delete the broker's temporary log folders at exit:
 * a broker that finds its only log folder gone halts the JVM with status 1, and Failsafe fails a build whose tests
 * all passed ("Error occurred in starting fork"; seen once in a fresh-clone CI run, 2026-12-03). Registered through
 * {@code META-INF/services}, so every test JVM that has this module gets it.
 */
public final class SharedBrokerStopper implements TestExecutionListener {

  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    SharedKafkaBroker.stop();
  }
}
