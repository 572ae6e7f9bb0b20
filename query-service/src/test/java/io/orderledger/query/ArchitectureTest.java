package io.orderledger.query;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The stores, readers and routing rules are plain Kafka Streams and Java; Spring is the web and wiring layer only. */
class ArchitectureTest {

  private final JavaClasses query = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.orderledger.query");

  @Test
  void storesReadersAndRoutingKnowNoSpringAndNoHttp() {
    noClasses().that().resideInAnyPackage("..query.store..", "..query.read..", "..query.cluster..")
        .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.servlet..", "..query.api..", "..query.app..")
        .check(query);
  }

  @Test
  void aRequestTravelsOneWayFromTheApiThroughRoutingToTheReadersAndNeverStraightToTheStores() {
    noClasses().that().resideInAPackage("..query.api..").should().dependOnClassesThat().resideInAnyPackage("..query.store..", "org.apache.kafka..")
        .check(query);
    noClasses().that().resideInAPackage("..query.read..").should().dependOnClassesThat().resideInAnyPackage("..query.cluster..")
        .check(query);
  }

  @Test
  void theApiPassesCursorsThroughAndTheReaderOwnsItsPage() {
    noClasses().that().resideInAPackage("..query.api..")
        .should().dependOnClassesThat().haveFullyQualifiedName("io.orderledger.query.read.CursorCodec")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("io.orderledger.query.read.Cursor")
        .because("a cursor is opened, checked and continued by the reader that pages (PagedRange), never by the web layer")
        .check(query);
  }

  @Test
  void theApiDoesNotReachIntoTheApplicationWiring() {
    noClasses().that().resideInAPackage("..query.api..").should().dependOnClassesThat().resideInAPackage("..query.app..").check(query);
  }

  @Test
  void theConsoleIsAClientOfTheApiLikeAnyOther() {
    noClasses().that().resideInAPackage("..query.console..")
        .should().dependOnClassesThat().resideInAnyPackage("..query.store..", "..query.read..", "..query.cluster..", "..query.api..")
        .check(query);
  }
}
