package io.orderledger.poller;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The poller reads as its data flows: source (configuration) ← paging (HTTP) ← capture (mapping) ← detect ← ingest
 * (Kafka) ← app (Spring). Mapping and detection are pure; only ingest knows Kafka; only app knows Spring. Each upstream
 * API lives in its own room, {@code sources/<name>/}, which the framework does not know: a new source is a folder and a
 * line in {@code SupportedSources}.
 */
class ArchitectureTest {

  private final JavaClasses poller = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.orderledger.poller");

  @Test
  void mappersAreSeamsForTheNextSource() {
    noClasses().that().resideInAPackage("..poller.mapping..")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.springframework..", "java.net.http..",
            "..poller.http..", "..poller.paging..", "..poller.capture..", "..poller.detect..", "..poller.ingest..", "..poller.app..")
        .check(poller);
  }

  @Test
  void changeDetectionIsPure() {
    noClasses().that().resideInAnyPackage("..poller.detect..", "..poller.capture..")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.springframework..", "java.net.http..",
            "..poller.ingest..", "..poller.app..")
        .check(poller);
  }

  @Test
  void onlyTheIngestAndCheckpointLayersKnowKafka() {
    noClasses().that().resideOutsideOfPackages("..poller.ingest..", "..poller.checkpoint..", "..poller.app..")
        .should().dependOnClassesThat().resideInAPackage("org.apache.kafka.clients..")
        .check(poller);
  }

  @Test
  void springIsTheShellOnly() {
    noClasses().that().resideOutsideOfPackage("..poller.app..")
        .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "..poller.app..")
        .check(poller);
  }

  @Test
  void pagingKnowsNothingOfWhatComesAfterIt() {
    noClasses().that().resideInAPackage("..poller.paging..")
        .should().dependOnClassesThat().resideInAnyPackage("..poller.mapping..", "..poller.capture..", "..poller.detect..",
            "..poller.ingest..", "..poller.checkpoint..")
        .check(poller);
  }

  @Test
  void theFrameworkKnowsNoSource() {
    noClasses().that().resideOutsideOfPackages("..poller.sources..", "..poller.app..")
        .should().dependOnClassesThat().resideInAPackage("..poller.sources..")
        .because("a new source must not touch the paging, capture, detection or ingest code")
        .check(poller);
  }

  @Test
  void sourcesDoNotKnowEachOther() {
    slices().matching("io.orderledger.poller.sources.(*)..").should().notDependOnEachOther().check(poller);
  }

  @Test
  void aSourceReadsItsApiAndMapsItsRecordsOnly() {
    noClasses().that().resideInAPackage("..poller.sources..")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.springframework..", "java.net.http..",
            "..poller.capture..", "..poller.detect..", "..poller.ingest..", "..poller.checkpoint..", "..poller.app..")
        .check(poller);
  }
}
