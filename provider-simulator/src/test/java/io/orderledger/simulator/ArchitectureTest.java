package io.orderledger.simulator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The simulator reads as the poller does: {@code world} (orders and how they change) ← {@code api} (what every
 * rendered API shares) ← {@code sources/<name>/} (one upstream API: its shape in the world and its HTTP face) ←
 * {@code server} (HTTP, faults, control). The world and the server know no source by name: a new one is a folder and a
 * line in {@code SimulatedApis}.
 */
class ArchitectureTest {

  private final JavaClasses simulator = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.orderledger.simulator");

  @Test
  void theWorldKnowsNoApi() {
    noClasses().that().resideInAPackage("..simulator.world..")
        .should().dependOnClassesThat().resideInAnyPackage("..simulator.api..", "..simulator.sources..", "..simulator.server..")
        .check(simulator);
  }

  @Test
  void onlyTheRegistryNamesASource() {
    noClasses().that().resideOutsideOfPackage("..simulator.sources..")
        .should().dependOnClassesThat().resideInAPackage("..simulator.sources.*..")
        .check(simulator);
  }

  @Test
  void sourcesDoNotKnowEachOther() {
    slices().matching("io.orderledger.simulator.sources.(*)..").should().notDependOnEachOther().check(simulator);
  }
}
