package io.orderledger.testing.kafka;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test method or constructor parameter of type {@link KafkaBroker} the JVM's shared real broker.
 *
 * <pre>{@code
 * @ExtendWith(KafkaBrokerExtension.class)
 * class SomethingIT {
 *   @Test void works(KafkaBroker kafka) { ... kafka.bootstrapServers() ... }
 * }
 * }</pre>
 */
public final class KafkaBrokerExtension implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == KafkaBroker.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return SharedKafkaBroker.get();
  }
}
