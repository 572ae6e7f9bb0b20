package io.orderledger.poller.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderledger.poller.sources.esim.EsimPaging;
import io.orderledger.poller.sources.giftcard.GiftCardPaging;
import io.orderledger.poller.sources.netconnect.NetConnectPaging;
import io.orderledger.poller.sources.paystack.PaystackPaging;
import io.orderledger.poller.source.UpstreamJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The streaming page reader against the tree parse it replaced: the same entries (each entry's tree equal to the
 * tree parse's element), the same rest of the page, the same refusals; ids and creation times read as the mappers
 * read them; and a digest that changes with any change the source could make.
 */
class PageReaderTest {

  private static final EntryKeys RFC = new EntryKeys("id", "at", EntryKeys.TimeFormat.RFC3339);
  private static final EntryKeys MILLIS = new EntryKeys("_id", "createdAt", EntryKeys.TimeFormat.EPOCH_MILLIS);

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] seed(String name) {
    try (InputStream in = PageReaderTest.class.getResourceAsStream("/seeds/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void everySeedPageReadsAsTheTreeParseReadsIt() {
    record Case(String file, List<String> path, EntryKeys keys, String id, Long createdAt) {
    }
    List<Case> cases = List.of(
        new Case("giftcard-list-002.json", List.of(), GiftCardPaging.KEYS, "12345", 1_730_462_400_000L),
        new Case("paystack-list-004.json", List.of("data"), PaystackPaging.KEYS, "12345", 1_730_462_400_000L),
        new Case("esim-order-003.json", List.of(), EsimPaging.KEYS, null, null));
    for (Case c : cases) {
      byte[] body = seed(c.file());
      ListedPage page = PageReader.read(body, c.path(), c.keys());
      JsonNode tree = UpstreamJson.MAPPER.readTree(body);
      JsonNode array = c.path().isEmpty() ? tree : tree.get(c.path().get(0));
      if (!array.isArray()) {
        assertThat(page.entries()).as(c.file()).isNull();
        continue;
      }
      assertThat(page.entries()).as(c.file()).hasSize(array.size());
      for (int i = 0; i < array.size(); i++) {
        assertThat(page.entries().get(i).tree()).as(c.file() + " entry " + i).isEqualTo(array.get(i));
      }
      assertThat(page.entries().get(0).id()).isEqualTo(c.id());
      assertThat(page.entries().get(0).createdAt()).isNotNull();
    }
    ListedPage paystack = PageReader.read(seed("paystack-list-004.json"), List.of("data"), PaystackPaging.KEYS);
    assertThat(paystack.rest().has("data")).as("the orders are not in the rest").isFalse();
    assertThat(paystack.rest().path("meta").path("pageCount").asInt()).isEqualTo(1);
    assertThat(paystack.rest().path("status").asBoolean()).isTrue();
  }

  @Test
  void aNetConnectPageKeepsItsCursorAndItsEntriesWithEpochMillis() {
    String entry = new String(seed("netconnect-list-000.json"), StandardCharsets.UTF_8);
    String page = "{\"success\":true,\"data\":{\"orders\":[" + entry + "," + entry.replace("kh72y10a", "zz72y10a")
        + "],\"isDone\":false,\"continueCursor\":\"c2\"}}";
    ListedPage listed = PageReader.read(bytes(page), List.of("data", "orders"), NetConnectPaging.KEYS);

    assertThat(listed.entries()).extracting(ListEntry::id).containsExactly("kh72y10adpkj8kr1bbrgcgnvcd841w5g", "zz72y10adpkj8kr1bbrgcgnvcd841w5g");
    assertThat(listed.entries()).extracting(ListEntry::createdAt).containsOnly(1_775_046_434_454L);
    assertThat(listed.entries().get(0).tree()).isEqualTo(UpstreamJson.MAPPER.readTree(entry));
    assertThat(listed.rest().path("data").path("continueCursor").asString()).isEqualTo("c2");
    assertThat(listed.rest().path("data").has("orders")).isFalse();
    assertThat(listed.entries().get(0).digest()).isNotEqualTo(listed.entries().get(1).digest());
  }

  @Test
  void idsAndTimesAreReadLeniently() {
    String page = "[{\"id\":7,\"at\":\"2026-04-01T12:27:14.454Z\"},"
        + "{\"id\":null,\"at\":\"yesterday\"},"
        + "{\"id\":{\"nested\":1},\"at\":17},"
        + "{\"other\":[1,{\"id\":\"inner\"}],\"id\":\"first\",\"id\":\"last\"},"
        + "\"not an object\",42]";
    List<ListEntry> entries = PageReader.read(bytes(page), List.of(), RFC).entries();

    assertThat(entries).extracting(ListEntry::id).containsExactly("7", null, null, "last", null, null);
    assertThat(entries).extracting(ListEntry::createdAt).containsExactly(1_775_046_434_454L, null, null, null, null, null);
    assertThat(entries).extracting(ListEntry::isObject).containsExactly(true, true, true, true, false, false);
    assertThat(entries.get(4).tree().asString()).isEqualTo("not an object");
    assertThat(entries.get(5).tree().asInt()).isEqualTo(42);

    List<ListEntry> millis = PageReader.read(bytes("[{\"_id\":\"a\",\"createdAt\":1775046434454},{\"_id\":\"b\",\"createdAt\":\"1775046434454\"},"
        + "{\"_id\":\"c\",\"createdAt\":123456789012345678901234567890},{\"_id\":\"d\",\"createdAt\":1.5}]"), List.of(), MILLIS).entries();
    assertThat(millis).extracting(ListEntry::createdAt).containsExactly(1_775_046_434_454L, null, null, null);
  }

  @Test
  void aPageWithoutTheArrayItsApiPromisesHasNoEntries() {
    assertThat(PageReader.read(bytes("{\"data\":{\"orders\":{}}}"), List.of("data", "orders"), MILLIS).entries()).isNull();
    assertThat(PageReader.read(bytes("{\"data\":[]}"), List.of("data", "orders"), MILLIS).entries()).isNull();
    assertThat(PageReader.read(bytes("{\"success\":true}"), List.of("data", "orders"), MILLIS).entries()).isNull();
    assertThat(PageReader.read(bytes("{\"data\":[1]}"), List.of(), MILLIS).entries()).isNull();
    assertThat(PageReader.read(bytes(""), List.of(), MILLIS).rest().isMissingNode()).isTrue();
    assertThat(PageReader.read(bytes("{\"data\":{\"orders\":[]}}"), List.of("data", "orders"), MILLIS).entries()).isEmpty();
  }

  @Test
  void aPageThatIsNotJsonIsRefusedWhole() {
    assertThatThrownBy(() -> PageReader.read(bytes("[{\"id\":\"a\"},{\"id\":\"b\""), List.of(), RFC)).isInstanceOf(JacksonException.class);
    assertThatThrownBy(() -> PageReader.read(bytes("[{\"id\":\"a\"}] [1]"), List.of(), RFC)).isInstanceOf(JacksonException.class);
    assertThatThrownBy(() -> PageReader.read(bytes("{\"data\":[{\"id\":\"a\"}], \"meta\": }"), List.of("data"), RFC))
        .isInstanceOf(JacksonException.class);
  }

  @Test
  void theDigestIsTheSameForTheSameBytesAndDiffersForAnyChange() {
    List<String> variants = List.of(
        "{\"_id\":\"o1\",\"amount\":246.10,\"createdAt\":1775046434454,\"paid\":true,\"ref\":null,\"items\":[{\"q\":2}]}",
        "{\"_id\":\"o2\",\"amount\":246.10,\"createdAt\":1775046434454,\"paid\":true,\"ref\":null,\"items\":[{\"q\":2}]}",
        "{\"_id\":\"o1\",\"amount\":246.1,\"createdAt\":1775046434454,\"paid\":true,\"ref\":null,\"items\":[{\"q\":2}]}",
        "{\"_id\":\"o1\",\"amount\":246.11,\"createdAt\":1775046434454,\"paid\":true,\"ref\":null,\"items\":[{\"q\":2}]}",
        "{\"_id\":\"o1\",\"amount\":246.10,\"createdAt\":1775046434455,\"paid\":true,\"ref\":null,\"items\":[{\"q\":2}]}",
        "{\"_id\":\"o1\",\"amount\":246.10,\"createdAt\":1775046434454,\"paid\":false,\"ref\":null,\"items\":[{\"q\":2}]}",
        "{\"_id\":\"o1\",\"amount\":246.10,\"createdAt\":1775046434454,\"paid\":true,\"ref\":\"\",\"items\":[{\"q\":2}]}",
        "{\"_id\":\"o1\",\"amount\":246.10,\"createdAt\":1775046434454,\"paid\":true,\"items\":[{\"q\":2}]}",
        "{\"_id\":\"o1\",\"amount\":246.10,\"createdAt\":1775046434454,\"paid\":true,\"ref\":null,\"items\":[{\"q\":3}]}",
        "{\"_id\":\"o1\",\"amount\":246.10,\"createdAt\":1775046434454,\"paid\":true,\"ref\":null,\"items\":[{\"q\":2},{\"q\":2}]}",
        "{\"_id\":\"o1\",\"amount\":246.10,\"createdAt\":1775046434454,\"paid\":true,\"ref\":null,\"items\":[{\"q\":\"2\"}]}",
        "{\"_id\":\"o1\",\"amount\":246.10,\"createdAt\":1775046434454,\"paid\":true,\"ref\":null,\"items\":[{\"q\":2.0}]}",
        "{\"_id\":\"o1\",\"note\":\"ab\",\"x\":\"c\"}",
        "{\"_id\":\"o1\",\"note\":\"a\",\"x\":\"bc\"}",
        "{\"_id\":\"o1\",\"note\":\"\\u00e9\"}",
        "{\"_id\":\"o1\",\"note\":\"\\u00e8\"}");
    Set<Long> digests = new HashSet<>();
    for (String variant : variants) {
      ListEntry alone = PageReader.entry(bytes(variant), MILLIS);
      ListEntry inPage = PageReader.read(bytes("[ {\"_id\":\"other\"}, " + variant + " ]"), List.of(), MILLIS).entries().get(1);
      assertThat(inPage.digest()).as("the digest is of the entry's own bytes, wherever it stands on a page").isEqualTo(alone.digest());
      digests.add(alone.digest());
    }
    assertThat(digests).hasSameSizeAs(variants);
  }
}
