package io.orderledger.query.app;

import static io.orderledger.query.Audits.chain;
import static io.orderledger.query.Audits.decision;
import static io.orderledger.query.Views.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderledger.events.DecisionKind;
import io.orderledger.events.DiscrepancyKind;
import io.orderledger.events.LedgerDecisionRecord;
import io.orderledger.events.OrderEvent;
import io.orderledger.events.OrderState;
import io.orderledger.events.OrderType;
import io.orderledger.events.OrderView;
import io.orderledger.events.SourceRecord;
import io.orderledger.events.WalletDiscrepancy;
import io.orderledger.events.WalletEntry;
import io.orderledger.events.fixtures.Events;
import io.orderledger.testing.kafka.SharedKafkaBroker;
import io.orderledger.testing.net.FreePorts;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web console in a real browser (Debian's Chromium, headless, through chromedriver) against the query service on a
 * real broker with known data. Each test leaves a screenshot in {@code target/console-screenshots/}.
 */
class ConsoleBrowserIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String A = "key-of-partner-a";
  private static final String B = "key-of-partner-b";
  private static final long T0 = 1_775_000_000_000L;
  private static final int ORDERS = 45;
  private static final int ENTRIES = 40;
  private static final String FORMULA_ORDER_ID = "=cmd|' /C calc'!A0";
  private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
  private static QueryServiceRunner runner;
  private static ConfigurableApplicationContext app;
  private static int port;
  private WebDriver browser;
  private WebDriverWait wait;

  @BeforeAll
  static void startServiceWithData() throws Exception {
    runner = new QueryServiceRunner(SharedKafkaBroker.get(), "console-" + UUID.randomUUID().toString().substring(0, 8) + "-");
    List<OrderView> views = new ArrayList<>();
    OrderState[] lifecycle = {OrderState.PENDING, OrderState.PROCESSING, OrderState.COMPLETED};
    for (int v = 1; v <= 3; v++) {
      views.add(OrderView.newBuilder(view("partner-a", "o1", OrderType.DATA, lifecycle[v - 1], T0, v)).setBookedAt(T0 + v * 1_000L).build());
    }
    for (int i = 0; i < ORDERS; i++) {
      views.add(view("partner-a", "w" + i, OrderType.DATA, i % 5 == 0 ? OrderState.FAILED : OrderState.COMPLETED, T0 + 10_000 + i * 1_000L, 1));
    }
    views.add(view("partner-b", "b1", OrderType.DATA, OrderState.PENDING, T0, 1));
    List<WalletEntry> journal = new ArrayList<>(chain("partner-a", "GHS", ENTRIES, T0));
    // The last movement's order id is a formula (order ids come from upstream sources): the CSV export must neutralise it.
    WalletEntry last = WalletEntry.newBuilder(journal.get(ENTRIES - 1)).setOrderId(FORMULA_ORDER_ID).build();
    last.setHash(io.orderledger.events.journal.JournalChain.hash(last.getPreviousHash(), last));
    journal.set(ENTRIES - 1, last);
    journal.addAll(chain("partner-b", "GHS", 3, T0));
    runner.send(views, journal);
    String hostile = "{\"_id\":\"o1\",\"note\":\"<script>window.__xss=1</script><img src=x onerror=\\\"window.__xss=2\\\">\",\"state\":\"pending\"}";
    List<LedgerDecisionRecord> decisions = List.of(
        decision("partner-a", "o1", "e1", DecisionKind.APPLIED, T0 + 1_000, 0, null, OrderState.PENDING, List.of()),
        decision("partner-a", "o1", "e2", DecisionKind.APPLIED, T0 + 2_000, 1, OrderState.PENDING, OrderState.PROCESSING, List.of()),
        decision("partner-a", "o1", "e2", DecisionKind.DUPLICATE, T0 + 2_500, 2, OrderState.PROCESSING, OrderState.PROCESSING, List.of()),
        decision("partner-a", "o1", "e3", DecisionKind.APPLIED, T0 + 3_000, 3, OrderState.PROCESSING, OrderState.COMPLETED, List.of()));
    OrderEvent withHostileRecord = OrderEvent.newBuilder(Events.event("partner-a", "o1", null, OrderState.PENDING, 425, T0 + 900)).setEventId("e1")
        .setSourceRecord(SourceRecord.newBuilder().setSystem("netconnect").setNativeId("o1").setNativeStatus("pending").setSourceUpdatedAt(T0)
            .setJson(hostile).setSha256("00".repeat(32)).build()).build();
    runner.sendAudit(decisions, List.of(withHostileRecord));
    runner.sendDiscrepancies(List.of(WalletDiscrepancy.newBuilder().setPartnerId("partner-a").setOrderId("w3").setEventId("w3e")
        .setCurrency("GHS").setAmountMinor(425).setComputedBalanceBeforeMinor(100_000).setComputedBalanceAfterMinor(99_575)
        .setSourceBalanceBeforeMinor(25_000L).setSourceBalanceAfterMinor(24_575L).setSourceSelfConsistent(true).setOccurredAt(T0 + 5_000)
        .setKind(DiscrepancyKind.SOURCE_BALANCE).setPreviousAmountMinor(null).build()));
    port = FreePorts.freePort();
    app = runner.start(port, List.of("--query.rate-limit.enabled=false"));
    await().atMost(Duration.ofSeconds(90)).until(() -> runner.readiness(port).statusCode() == 200
        && runner.get(port, "/api/v1/orders/o1/history", A).body().contains("duplicate")
        && runner.get(port, "/api/v1/wallet/statement?limit=100", A).body().contains("\"sequence\":" + ENTRIES + ",")
        && runner.get(port, "/api/v1/wallet/discrepancies", A).body().contains("w3")
        && runner.get(port, "/api/v1/orders?orderType=all&limit=100", A).body().contains("\"w" + (ORDERS - 1) + "\""));
    Files.createDirectories(SCREENSHOTS);
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @BeforeEach
  void openBrowser() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(System.getProperty("console.chromium", "/usr/bin/chromium"));
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(Path.of(System.getProperty("console.chromedriver", "/usr/bin/chromedriver")).toFile()).build();
    browser = new ChromeDriver(service, options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(15));
  }

  @AfterEach
  void screenshotAndClose(TestInfo test) throws Exception {
    if (browser != null) {
      byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
      String name = test.getTestMethod().orElseThrow().getName();
      String display = test.getDisplayName();
      if (display.startsWith("[")) {
        name += "-" + display.substring(1, display.indexOf(']'));
      }
      Files.write(SCREENSHOTS.resolve(name + ".png"), png);
      browser.quit();
    }
  }

  private String base() {
    return "http://127.0.0.1:" + port;
  }

  private void signIn(String key) {
    browser.get(base() + "/console");
    WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")));
    input.sendKeys(key);
    browser.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
    // Signing in ends on a page of its own (or a refusal): wait for it, or a navigation right after would race it.
    wait.until(d -> {
      if (d.findElement(By.id("nav")).isDisplayed()) {
        List<WebElement> heading = d.findElements(By.cssSelector("#view h1"));
        return !heading.isEmpty() && !heading.get(0).getText().equals("Sign in");
      }
      List<WebElement> status = d.findElements(By.id("sign-in-status"));
      return !status.isEmpty() && !status.get(0).getText().isEmpty() && !status.get(0).getText().startsWith("Checking");
    });
  }

  /**
   * The ids of the orders the list shows, read in one go inside the page: the list refreshes itself every few
   * seconds, so element handles taken one by one can go stale between two reads.
   */
  @SuppressWarnings("unchecked")
  private List<String> shownOrderIds() {
    return (List<String>) script("return Array.from(document.querySelectorAll('#orders tr[data-order-id]')).map(r => r.dataset.orderId)");
  }

  private Object script(String code, Object... arguments) {
    return ((JavascriptExecutor) browser).executeScript(code, arguments);
  }

  @Test
  void aWrongKeyIsRefusedPlainly() {
    signIn("not-a-key");
    wait.until(ExpectedConditions.textToBe(By.id("sign-in-status"), "This API key is not accepted."));
    assertThat(browser.findElement(By.id("nav")).isDisplayed()).isFalse();
  }

  @Test
  void theOrderListPagesThroughEveryOrderAndTheKeyStaysOutOfUrlsAndCookies() {
    signIn(A);
    browser.get(base() + "/console#/orders");
    new org.openqa.selenium.support.ui.Select(wait.until(ExpectedConditions.elementToBeClickable(By.id("orderType")))).selectByValue("all");
    browser.findElement(By.cssSelector("#order-filters button[type=submit]")).click();
    List<String> seen = new ArrayList<>();
    while (true) {
      wait.until(d -> !shownOrderIds().isEmpty());
      List<String> page = shownOrderIds();
      seen.addAll(page);
      if (!(Boolean) script("return !document.getElementById('older').disabled")) {
        break;
      }
      String first = page.get(0);
      script("document.getElementById('older').click()");
      wait.until(d -> {
        List<String> shown = shownOrderIds();
        return !shown.isEmpty() && !shown.get(0).equals(first);
      });
    }
    List<String> expected = new ArrayList<>();
    for (int i = ORDERS - 1; i >= 0; i--) {
      expected.add("w" + i);
    }
    expected.add("o1");
    assertThat(seen).as("every order once, newest first, across %d pages", (ORDERS + 20) / 20).isEqualTo(expected);
    assertThat(browser.findElements(By.cssSelector("#orders .badge.failed"))).isNotEmpty();
    assertThat(browser.getCurrentUrl()).doesNotContain(A);
    assertThat((String) script("return document.cookie")).doesNotContain(A);
    assertThat((String) script("return sessionStorage.getItem('orderLedgerApiKey')")).isEqualTo(A);
  }

  @Test
  void anOrdersTimelineIsExactlyItsHistoryAndShowsItAsOfATime() throws Exception {
    signIn(A);
    browser.get(base() + "/console#/orders/o1");
    List<WebElement> items = wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#timeline > li"), 4));
    JsonNode history = JSON.readTree(runner.get(port, "/api/v1/orders/o1/history?limit=100", A).body()).get("data").get("history");
    assertThat(items).hasSize(history.size());
    for (int i = 0; i < items.size(); i++) {
      assertThat(items.get(i).getAttribute("data-decision")).isEqualTo(history.get(i).get("decision").asString());
      assertThat(items.get(i).getAttribute("data-state-after")).isEqualTo(history.get(i).get("stateAfter").asString());
    }
    // The source record's hostile text is shown as text and never runs.
    items.get(0).findElement(By.tagName("summary")).click();
    assertThat(items.get(0).findElement(By.cssSelector("pre.record")).getText()).contains("<script>window.__xss=1</script>");
    assertThat(script("return window.__xss")).isNull();

    WebElement asOf = browser.findElement(By.id("as-of"));
    // datetime-local holds the browser's local time: the order as it was between its second and third versions.
    String local = (String) script("const d = new Date(" + (T0 + 2_500) + "); d.setMinutes(d.getMinutes() - d.getTimezoneOffset());"
        + " return d.toISOString().substring(0, 19);");
    script("arguments[0].value = arguments[1];", asOf, local);
    browser.findElement(By.cssSelector("#as-of-form button[type=submit]")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("as-of-note")));
    assertThat(browser.findElement(By.cssSelector("h1 .badge")).getText()).isEqualTo("processing");
  }

  @Test
  void anotherPartnersOrderIsTheSameNotFoundPageAsAnUnknownOne() {
    signIn(B);
    browser.get(base() + "/console#/orders/o1");
    String foreign = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("not-found"))).getText();
    String foreignPage = browser.findElement(By.id("view")).getText();
    browser.get(base() + "/console#/orders/no-such-order");
    wait.until(ExpectedConditions.urlContains("no-such-order"));
    browser.navigate().refresh();
    String unknown = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("not-found"))).getText();
    assertThat(unknown).isEqualTo(foreign).isEqualTo("No such order for this key.");
    assertThat(browser.findElement(By.id("view")).getText()).isEqualTo(foreignPage);
  }

  @Test
  void theWalletChartsEveryMovementAndItsCsvExportIsTheStatement() throws Exception {
    signIn(A);
    browser.get(base() + "/console#/wallet");
    WebElement chart = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart[data-points] canvas")));
    assertThat(browser.findElement(By.id("chart")).getAttribute("data-points")).isEqualTo(String.valueOf(ENTRIES));
    assertThat(chart.getSize().getWidth()).isPositive();
    assertThat(browser.findElement(By.id("chain")).getText()).isEqualTo("Hash chain verified through sequence " + ENTRIES);
    assertThat(browser.findElements(By.cssSelector("#statement-table tr[data-sequence]"))).hasSize(ENTRIES);

    String href = browser.findElement(By.id("export-csv")).getAttribute("href");
    String csv = URLDecoder.decode(href.substring(href.indexOf(',') + 1), StandardCharsets.UTF_8);
    List<String> lines = csv.lines().toList();
    JsonNode statement = JSON.readTree(runner.get(port, "/api/v1/wallet/statement?currency=GHS&limit=100", A).body()).get("data").get("entries");
    assertThat(lines).hasSize(ENTRIES + 1);
    assertThat(lines.get(0)).isEqualTo("sequence,bookedAt,kind,direction,orderId,amount,currency,balanceBefore,balanceAfter,hash");
    assertThat(lines.get(ENTRIES)).contains(",\"'=cmd|' /C calc'!A0\",");
    for (int i = 0; i < ENTRIES; i++) {
      JsonNode e = statement.get(i);
      String[] row = lines.get(i + 1).split(",", -1);
      assertThat(row).hasSize(10);
      String orderId = e.get("orderId").asString();
      // A text a spreadsheet would run as a formula is written with a leading apostrophe, quoted (OWASP CSV injection).
      String written = orderId.equals(FORMULA_ORDER_ID) ? "\"'" + orderId + "\"" : orderId;
      assertThat(List.of(row[0], row[1], row[2], row[3], row[4], row[6], row[9])).isEqualTo(List.of(e.get("sequence").asString(),
          e.get("bookedAt").asString(), e.get("kind").asString(), e.get("direction").asString(), written,
          e.get("currency").asString(), e.get("hash").asString()));
      // Money is written with the currency's digits (GHS: 2), and is exactly the API's figure.
      assertMoney(row[5], e.get("amount"));
      assertMoney(row[7], e.get("balanceBefore"));
      assertMoney(row[8], e.get("balanceAfter"));
    }
  }

  private static void assertMoney(String written, JsonNode api) {
    BigDecimal value = new BigDecimal(written);
    assertThat(value.scale()).as("%s has the currency's two digits", written).isEqualTo(2);
    assertThat(value).isEqualByComparingTo(api.decimalValue());
  }

  @Test
  void discrepanciesShowTheOrderAndBothFigures() {
    signIn(A);
    browser.get(base() + "/console#/discrepancies");
    WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#discrepancies tbody tr")));
    assertThat(row.getText()).contains("source_balance", "w3", "1000.00 → 995.75", "250.00 → 245.75");
  }

  @Test
  void aKeyWithoutTheAuditPermissionIsToldSoWithAWayOn() {
    signIn(QueryServiceRunner.NO_AUDIT_KEY);
    browser.get(base() + "/console#/orders/o1");
    WebElement alert = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#view [role=alert]")));
    assertThat(alert.getAttribute("data-error")).isEqualTo("FORBIDDEN");
    assertThat(alert.getText()).startsWith("This API key lacks the permission this page needs");
    assertThat(alert.findElement(By.tagName("button")).getText()).isEqualTo("Try again");
  }

  /**
   * A 429 or 503 says what happened and when the page tries again, then tries again by itself. The answer is
   * forged inside the page (the first API call only) so that the test does not have to throttle or stop the service.
   */
  @ParameterizedTest
  @CsvSource({"429,RATE_LIMITED,Too many requests for this key.", "503,UNAVAILABLE,The partner's data is restoring or moving."})
  void aRefusalWithRetryAfterIsExplainedAndRetriedByItself(int status, String code, String message) {
    signIn(A);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-out")));
    script("const real = window.fetch; let forged = false;"
        + "window.fetch = (path, options) => {"
        + "  if (forged || !String(path).startsWith('/api/')) { return real(path, options); }"
        + "  forged = true;"
        + "  return Promise.resolve(new Response(JSON.stringify({success: false, error: {code: arguments[1], message: arguments[1]}}),"
        + "    {status: arguments[0], headers: {'Content-Type': 'application/json', 'Retry-After': '2'}}));"
        + "};", status, code);
    script("location.hash = '#/discrepancies';");
    WebElement alert = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#view [role=alert]")));
    assertThat(alert.getAttribute("data-error")).isEqualTo(code);
    assertThat(alert.getText()).contains(message, "Trying again in 2 s.", "Try again");
    WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#discrepancies tbody tr")));
    assertThat(row.getText()).contains("w3");
  }

  @Test
  void thePagesFitAPhoneWithoutScrollingSideways() {
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
    signIn(A);
    for (String page : List.of("#/orders", "#/orders/o1", "#/wallet", "#/discrepancies")) {
      browser.get(base() + "/console" + page);
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#view h1")));
      Number overflow = (Number) script("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
      assertThat(overflow.intValue()).as("sideways overflow of %s at 390 px", page).isLessThanOrEqualTo(0);
    }
  }

  @Test
  void signingOutForgetsTheKey() {
    signIn(A);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-out"))).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")));
    assertThat(script("return sessionStorage.getItem('orderLedgerApiKey')")).isNull();
  }
}
