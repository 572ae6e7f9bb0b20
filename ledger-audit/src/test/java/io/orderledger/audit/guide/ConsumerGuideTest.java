package io.orderledger.audit.guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** README.md's consumer guide quotes, verbatim, the three consumers that LedgerAuditIT runs against live records. */
class ConsumerGuideTest {

  private static final Path ROOT = Path.of("..");

  @Test
  void theReadmeQuotesThePythonAndNodeRecipesTheTestsRun() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    assertThat(readme).contains("```python\n" + Files.readString(ROOT.resolve("consumer-examples/python/ledger_topic.py")) + "```");
    assertThat(readme).contains("```javascript\n" + Files.readString(ROOT.resolve("consumer-examples/node/ledger-topic.js")) + "```");
  }

  @Test
  void theReadmeQuotesTheJavaConsumerTheTestsRun() throws IOException {
    String source = Files.readString(Path.of("src/test/java/io/orderledger/audit/guide/WalletJournalConsumer.java"));
    String body = source.substring(source.indexOf("    // guide:begin\n") + "    // guide:begin\n".length(), source.indexOf("    // guide:end"));
    String unindented = body.lines().map(line -> line.startsWith("    ") ? line.substring(4) : line).collect(Collectors.joining("\n", "", "\n"));
    assertThat(Files.readString(ROOT.resolve("README.md"))).contains("```java\n" + unindented + "```");
  }
}
