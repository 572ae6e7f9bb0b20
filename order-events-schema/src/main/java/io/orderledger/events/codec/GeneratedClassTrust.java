package io.orderledger.events.codec;

import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * Avro 1.12 only instantiates classes it is told to trust (a guard against classes named inside hostile schemas).
 * This trusts exactly the classes generated from this contract: Avro records and enums under {@code io.orderledger.events}.
 */
public final class GeneratedClassTrust {

  private static final String CONTRACT_PACKAGE = "io.orderledger.events.";
  private static boolean installed;

  private GeneratedClassTrust() {
  }

  public static synchronized void install() {
    if (installed) {
      return;
    }
    ClassSecurityPredicate contractClasses = type -> type.getName().startsWith(CONTRACT_PACKAGE)
        && (SpecificRecord.class.isAssignableFrom(type) || type.isEnum());
    ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), contractClasses));
    installed = true;
  }
}
