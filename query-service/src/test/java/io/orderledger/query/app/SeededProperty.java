package io.orderledger.query.app;

import io.orderledger.testing.seed.TestSeeds;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * A jqwik property that draws from a fixed seed in CI and from a fresh one when exploring ({@link TestSeeds}): the
 * seed is printed before the property runs, {@code -D<property>=N} replays it, and {@code -D<property>.tries=N}
 * changes how many tries it makes (the explore profile multiplies them by {@link #exploreFactor()}).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@AddLifecycleHook(SeededProperty.Hook.class)
@interface SeededProperty {

  /** The system property that replays the seed, such as {@code hostile.seed}. */
  String property();

  /** The seed CI runs with. */
  long seed();

  int exploreFactor() default 10;

  final class Hook implements AroundPropertyHook {

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
      SeededProperty settings = context.findAnnotation(SeededProperty.class).orElseThrow();
      long seed = TestSeeds.seed(context.label(), settings.property(), settings.seed());
      context.attributes().setSeed(Long.toString(seed));
      Integer tries = Integer.getInteger(settings.property() + ".tries");
      if (tries == null && TestSeeds.exploring()) {
        tries = context.attributes().tries().orElse(1_000) * settings.exploreFactor();
      }
      if (tries != null) {
        context.attributes().setTries(tries);
      }
      System.out.printf("[seed] %s: %d tries%n", context.label(), context.attributes().tries().orElse(1_000));
      PropertyExecutionResult result = property.execute();
      if (result.status() != PropertyExecutionResult.Status.FAILED) {
        return result;
      }
      // The failure reaches the build's console; say there how to run exactly these requests again.
      Throwable cause = result.throwable().orElse(null);
      return result.mapToFailed(new AssertionError("replay with -D" + settings.property() + "=" + seed + ": "
          + (cause == null ? "property falsified" : cause.getMessage()), cause));
    }
  }
}
