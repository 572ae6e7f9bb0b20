package io.orderledger.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;

/**
 * Spring's ahead-of-time processing for a service whose build ran it ({@code spring-boot-maven-plugin}'s
 * {@code process-aot} goal: the query service and the ledger). At build time Spring evaluates the configuration
 * classes, the auto-configurations and their conditions and writes the bean definitions they produce as plain Java
 * code; a JVM started with {@code -Dspring.aot.enabled=true} registers those instead of scanning, parsing and evaluating
 * again. A restart is CPU-bound on two cores, and this is CPU the context no longer spends at every start.
 *
 * <p>The price: a condition is decided when the jar is built, not when the service starts. A property that only
 * configures a bean (ports, topics, rates, Kafka's settings) is still read at start; one that decides whether a bean
 * exists at all (an endpoint left out of {@code management.endpoints.web.exposure.include}, the management port made the
 * API's own) keeps its build-time value. {@code -Dstack.spring-aot=false}, or {@code -Dspring.aot.enabled=false} in the
 * service's {@code -Dstack.jvm-options.<module>}, starts it the ordinary way.
 */
final class SpringAheadOfTime {

  /** System property: {@code false} starts every service without its ahead-of-time context. */
  static final String ENABLED = "stack.spring-aot";
  static final String JVM_OPTION = "-Dspring.aot.enabled=true";
  /** What {@code process-aot} writes for the application class: the initializer that registers its bean definitions. */
  private static final String INITIALIZER_SUFFIX = "__ApplicationContextInitializer.class";

  private SpringAheadOfTime() {}

  /**
   * The option that starts this jar's service with its ahead-of-time context, or none: a jar built without
   * {@code process-aot} (the simulator, the poller, an older checkout's under {@code -Dstack.services-from}) would refuse
   * to start with it.
   */
  static List<String> jvmOptions(Path executableJar) {
    return enabled() && processedAheadOfTime(executableJar) ? List.of(JVM_OPTION) : List.of();
  }

  static boolean enabled() {
    return !"false".equalsIgnoreCase(System.getProperty(ENABLED, "true").strip());
  }

  static boolean processedAheadOfTime(Path executableJar) {
    try (ZipFile jar = new ZipFile(executableJar.toFile())) {
      return jar.stream().anyMatch(entry -> entry.getName().startsWith("BOOT-INF/classes/") && entry.getName().endsWith(INITIALIZER_SUFFIX));
    } catch (IOException unreadable) {
      return false;
    }
  }
}
