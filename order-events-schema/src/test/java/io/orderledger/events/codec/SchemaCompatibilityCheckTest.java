package io.orderledger.events.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaCompatibilityCheckTest {

  private static SchemaCatalog fixture(String name) {
    return SchemaCatalog.load(SchemaCompatibilityCheckTest.class.getClassLoader(), "compat-fixtures/" + name);
  }

  @Test
  void everyShippedVersionReadsEveryOtherBothWays() {
    assertThat(SchemaCompatibilityCheck.check(SchemaCatalog.shipped())).isEmpty();
  }

  @Test
  void failsOnAFieldWithoutDefaultAndANarrowedType() {
    List<SchemaCompatibilityCheck.Violation> violations = SchemaCompatibilityCheck.check(fixture("incompatible"));

    assertThat(violations).extracting(SchemaCompatibilityCheck.Violation::type).containsOnly("fixture.Payment");
    assertThat(violations).extracting(v -> v.readerVersion() + "<-" + v.writerVersion())
        .containsExactlyInAnyOrder("v2<-v1", "v1<-v2");
  }

  @Test
  void failsWhenAnEnumGrowsWithoutADefaultForOldReaders() {
    assertThat(SchemaCompatibilityCheck.check(fixture("enum-without-default")))
        .singleElement()
        .satisfies(v -> assertThat(v.readerVersion() + "<-" + v.writerVersion()).isEqualTo("v1<-v2"));
  }

  @Test
  void acceptsAnOptionalFieldAndAnEnumSymbolBehindADefault() {
    assertThat(SchemaCompatibilityCheck.check(fixture("compatible"))).isEmpty();
  }
}
