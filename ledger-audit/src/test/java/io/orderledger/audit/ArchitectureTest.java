package io.orderledger.audit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The tool reads; only replay writes (into its own new topics), and nothing of the services comes with it. */
class ArchitectureTest {

  private final JavaClasses audit = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.orderledger.audit");

  @Test
  void onlyReplayWritesToKafka() {
    noClasses().that().doNotHaveSimpleName("ReplayCommand")
        .should().dependOnClassesThat().haveFullyQualifiedName("org.apache.kafka.clients.producer.KafkaProducer")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("org.apache.kafka.streams.KafkaStreams")
        .check(audit);
  }

  @Test
  void theToolKnowsNoSpringAndNoService() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.orderledger.ledger.app..",
            "io.orderledger.query..", "io.orderledger.poller..")
        .check(audit);
  }
}
