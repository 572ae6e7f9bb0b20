package io.orderledger.ledger;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** STYLE.md: business rules are plain classes; the topology is a pure function; Spring only wires and starts. */
class ArchitectureTest {

  private final JavaClasses ledger = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.orderledger.ledger");

  @Test
  void theRulesKnowNeitherKafkaNorSpring() {
    noClasses().that().resideInAPackage("..ledger.rules..")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.springframework..", "..ledger.topology..", "..ledger.app..")
        .check(ledger);
  }

  @Test
  void theTopologyKnowsNoSpring() {
    noClasses().that().resideInAPackage("..ledger.topology..")
        .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "..ledger.app..")
        .check(ledger);
  }
}
