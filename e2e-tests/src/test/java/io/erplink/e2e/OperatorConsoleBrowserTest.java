package io.erplink.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import io.erplink.infra.InfraFiles;
import io.erplink.infra.LocalCredentials;
import io.erplink.protocol.requests.CalculateOrder;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18's operator console in a real browser (Debian's headless Chromium through Selenium), against the suite's
 * services: a batch-service and an order-queue-service replica with their operator APIs protected as on Kubernetes
 * (tokens from {@link LocalCredentials}, as {@code ./erplink up} makes them), and the console signed in with those
 * tokens. The screenshots of docs/operations.md are taken here ({@code docs/images/console-*.png}).
 */
@ExtendWith(SuiteExtension.class)
class OperatorConsoleBrowserTest {
    static final Path SCREENSHOTS = InfraFiles.repoRoot().resolve("docs/images");

    static AppProcess batch;
    static AppProcess orderQueue;
    static AppProcess console;
    static String adminToken;
    static String operatorToken;
    static WebDriver browser;

    @BeforeAll
    static void startConsoleAndBrowser() throws Exception {
        Suite suite = SuiteExtension.suite();
        suite.startOrderServices();
        Path credentialsDir = Files.createTempDirectory("erplink-console-credentials");
        LocalCredentials credentials = new LocalCredentials(credentialsDir);
        Map<String, String> keys = credentials.prepare(Instant.now());
        adminToken = Files.readString(credentials.adminToken()).strip();
        operatorToken = Files.readString(credentials.operatorToken()).strip();

        Map<String, String> protectedEnv = suite.serviceEnvironment();
        protectedEnv.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION"));
        protectedEnv.put("ERPLINK_BATCH_AUTH_ENABLED", "true");
        protectedEnv.put("ERPLINK_ORDERQUEUE_OPERATOR_AUTH_ENABLED", "true");
        Map<String, String> batchEnv = new LinkedHashMap<>(protectedEnv);
        batchEnv.put("ERPLINK_BATCH_WORKER_OWNER", "batch-service-console");
        batchEnv.put("ERPLINK_BATCH_WORKER_POLL_INTERVAL", "300ms");
        batchEnv.put("ERPLINK_BATCH_SCHEDULING_INTERVAL", "1s");
        batchEnv.put(
                "ERPLINK_BATCH_ARCHIVE_DIRECTORY",
                suite.logDir().resolve("batch-archive").toString());
        batch = AppProcess.start(
                "batch-service-console", "batch-service", suite.javaOptions(), batchEnv, suite.logDir());
        orderQueue = AppProcess.start(
                "order-queue-service-console",
                "order-queue-service",
                suite.javaOptions(),
                protectedEnv,
                suite.logDir());
        Map<String, String> consoleEnv = new LinkedHashMap<>();
        consoleEnv.put("ERPLINK_CONSOLE_LOCAL_ENABLED", "true");
        consoleEnv.put("ERPLINK_CONSOLE_LOCAL_CREDENTIALS_DIR", credentialsDir.toString());
        consoleEnv.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION"));
        consoleEnv.put("ERPLINK_CONSOLE_SERVICES_BATCH", batch.url());
        consoleEnv.put("ERPLINK_CONSOLE_SERVICES_ORDER_QUEUE", orderQueue.url());
        consoleEnv.put("ERPLINK_CONSOLE_SERVICES_MAPPING", suite.mapping().url());
        consoleEnv.put("ERPLINK_CONSOLE_SERVICES_LIVE", suite.live().url());
        console = AppProcess.start(
                "operator-console", "operator-console", suite.javaOptions(), consoleEnv, suite.logDir());
        CompletableFuture.allOf(
                        CompletableFuture.runAsync(() -> batch.awaitReady(Suite.READY_TIMEOUT)),
                        CompletableFuture.runAsync(() -> orderQueue.awaitReady(Suite.READY_TIMEOUT)),
                        CompletableFuture.runAsync(() -> console.awaitReady(Suite.READY_TIMEOUT)))
                .join();
        browser = chromium();
        Files.createDirectories(SCREENSHOTS);
    }

    /** Debian's chromium and chromium-driver (.ci/run installs them); no download of a browser. */
    static WebDriver chromium() {
        Path driver = Path.of("/usr/bin/chromedriver");
        Path binary = Path.of("/usr/bin/chromium");
        if (!Files.isExecutable(driver) || !Files.isExecutable(binary)) {
            throw new IllegalStateException("the browser tests need Debian's chromium and chromium-driver"
                    + " (apt-get install chromium chromium-driver; .ci/run installs them)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary.toFile());
        options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000", "--lang=en");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.toFile())
                .build();
        return new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        for (AppProcess app : new AppProcess[] {console, orderQueue, batch}) {
            if (app != null) {
                app.stop();
            }
        }
    }

    static void signIn(String role) {
        browser.manage().deleteAllCookies();
        browser.get(console.url() + "/sign-in");
        browser.findElement(By.id("sign-in-" + role)).click();
        wait(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("signed-in-as")));
    }

    /** A wait that looks again when htmx has just swapped the element it read (polled fragments). */
    static WebDriverWait wait(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(browser, timeout, Duration.ofMillis(200));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    static String text(String id) {
        return browser.findElement(By.id(id)).getText().strip();
    }

    static void screenshot(String name) throws IOException {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve("console-" + name + ".png"), png);
    }

    static void createActivity(String name, String requestXml, String job) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("type", "IMPORT_WITH_PAGING");
        body.put("requestXml", requestXml);
        body.put("mappingJob", job);
        body.put("timeoutSeconds", 300);
        given().baseUri(batch.url())
                .auth()
                .oauth2(adminToken)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/activities")
                .then()
                .statusCode(201);
    }

    static JsonPath apiRun(String id) {
        return given().baseUri(batch.url())
                .auth()
                .oauth2(operatorToken)
                .get("/api/v1/runs/" + id + "?maxErrors=200")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** Runs the activity from its row on the Activities page; the console opens the run. */
    static String runFromConsole(String activity) {
        browser.get(console.url() + "/activities");
        browser.findElement(By.id("run-" + activity)).click();
        wait(Duration.ofSeconds(20)).until(ExpectedConditions.urlMatches(".*/runs/[0-9a-f-]{36}$"));
        String url = browser.getCurrentUrl();
        return url.substring(url.lastIndexOf('/') + 1);
    }

    @Test
    void operatorSignsInReadOnly() throws Exception {
        signIn("operator");
        assertEquals("local-operator (operator)", text("signed-in-as"));
        assertEquals("Read only: actions need the admin role.", text("read-only-note"));
        screenshot("overview-operator");
        // The operator role reads the order queue (order-queue-service's rule); replaying needs admin.
        browser.get(console.url() + "/queue");
        assertTrue(browser.findElement(By.id("orders")).isDisplayed(), browser.getPageSource());
        WebElement replay = browser.findElement(By.id("replay-selected"));
        assertFalse(replay.isEnabled(), "replay is disabled for an operator");
        assertEquals("needs the admin role", replay.getDomAttribute("title"));
    }

    @Test
    void adminSignsInWithEveryAction() throws Exception {
        signIn("admin");
        assertEquals("local-admin (admin)", text("signed-in-as"));
        assertTrue(browser.findElements(By.id("read-only-note")).isEmpty(), "no read-only note for an admin");
        browser.get(console.url() + "/activities");
        assertTrue(browser.findElement(By.id("run-import-products")).isEnabled());
        screenshot("activities");
    }

    @Test
    void runStartedFromTheConsoleReachesHundredPercentWithTheMergedCounts() throws Exception {
        String activity = "console-products-" + UUID.randomUUID().toString().substring(0, 6);
        createActivity(
                activity,
                "<GetEcomData><tables><Products type=\"all\"/></tables></GetEcomData>",
                "ifv2-import-products");
        signIn("admin");
        String run = runFromConsole(activity);
        wait(Duration.ofSeconds(180)).until(ExpectedConditions.textToBe(By.id("run-status"), "COMPLETED"));
        assertEquals("100.0 %", text("run-percent"));
        assertEquals("100.0", browser.findElement(By.id("run-progress")).getDomAttribute("value"));
        // The header follows the progress without a reload: Stop is gone, Replay is offered.
        assertTrue(browser.findElements(By.id("stop-run")).isEmpty(), "no Stop button on a completed run");
        assertTrue(browser.findElement(By.id("replay-run")).isEnabled());
        JsonPath api = apiRun(run);
        assertEquals("COMPLETED", api.getString("status"));
        // What the page shows is what batch-service counted, merge included.
        for (String[] count : new String[][] {
            {"run-rows-read", "rowsRead"},
            {"run-rows-written", "rowsWritten"},
            {"run-rows-skipped", "rowsSkipped"},
            {"run-rows-failed", "rowsFailed"},
            {"run-rows-inserted", "rowsInserted"},
            {"run-rows-updated", "rowsUpdated"},
            {"run-rows-removed", "rowsRemoved"},
            {"run-pages", "pagesFetched"}
        }) {
            assertEquals(api.getString("progress." + count[1]), text(count[0]), count[1]);
        }
        // and each destination table's figures (received = inserted + updated + unchanged + skipped)
        List<String> expectedTargets = new ArrayList<>();
        for (Map<String, Object> target : api.<Map<String, Object>>getList("targets")) {
            List<String> cells = new ArrayList<>();
            for (String field :
                    List.of("table", "received", "inserted", "updated", "unchanged", "skipped", "failed", "removed")) {
                cells.add(String.valueOf(target.get(field)));
            }
            expectedTargets.add(String.join("|", cells));
        }
        List<String> shownTargets = new ArrayList<>();
        for (WebElement row : browser.findElements(By.cssSelector("#run-targets tr"))) {
            List<WebElement> cells = row.findElements(By.tagName("td"));
            if (!cells.isEmpty()) {
                shownTargets.add(
                        String.join("|", cells.stream().map(WebElement::getText).toList()));
            }
        }
        assertFalse(expectedTargets.isEmpty(), "the run reports its destination tables");
        assertEquals(expectedTargets, shownTargets, "the destination tables' figures");
        screenshot("run-completed");
    }

    @Test
    void failedRunShowsItsRowErrors() throws Exception {
        // A table the ERP does not know: it refuses the request, the run fails on its first page.
        String activity = "console-unknown-" + UUID.randomUUID().toString().substring(0, 6);
        createActivity(
                activity,
                "<GetEcomData><tables><Warehouses type=\"all\"/></tables></GetEcomData>",
                "ifv2-import-products");
        signIn("admin");
        String run = runFromConsole(activity);
        wait(Duration.ofSeconds(180))
                .until(d -> List.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED")
                        .contains(d.findElement(By.id("run-status")).getText().strip()));
        JsonPath api = apiRun(run);
        assertEquals("FAILED", api.getString("status"), api.prettify());
        assertEquals("FAILED", text("run-status"));
        browser.navigate().refresh();
        List<Map<String, Object>> errors = api.getList("errors");
        assertFalse(errors.isEmpty(), "the API lists the run's errors: " + api.prettify());
        List<WebElement> rows = browser.findElements(By.cssSelector("#run-errors tbody tr"));
        assertEquals(errors.size(), rows.size(), "one table row per error");
        for (int i = 0; i < errors.size(); i++) {
            List<WebElement> cells = rows.get(i).findElements(By.tagName("td"));
            assertEquals(
                    String.valueOf(errors.get(i).get("message")),
                    cells.get(5).getText().strip());
            Object page = errors.get(i).get("page");
            assertEquals(
                    page == null ? "" : page.toString(), cells.get(1).getText().strip());
            Object row = errors.get(i).get("row");
            assertEquals(
                    row == null ? "" : row.toString(), cells.get(2).getText().strip());
            Object key = errors.get(i).get("key");
            assertEquals(
                    key == null ? "" : key.toString(), cells.get(4).getText().strip());
        }
        screenshot("run-failed");
        browser.get(console.url() + "/runs?status=FAILED");
        assertTrue(
                browser.findElements(By.cssSelector("#runs tr[data-run='" + run + "']"))
                                .size()
                        == 1,
                "the failed run is in the FAILED filter");
    }

    @Test
    void replayingFailedQueuedOrdersShowsThemSynced() throws Exception {
        String single = "CONSOLE-" + UUID.randomUUID().toString().substring(0, 8);
        String first = "CONSOLE-" + UUID.randomUUID().toString().substring(0, 8);
        String second = "CONSOLE-" + UUID.randomUUID().toString().substring(0, 8);
        long singleId = failedOrder(single);
        long firstId = failedOrder(first);
        long secondId = failedOrder(second);
        signIn("admin");

        browser.get(console.url() + "/queue/" + singleId);
        assertEquals("FAILED", text("order-state"));
        screenshot("order-failed");
        browser.findElement(By.id("replay-order")).click();
        assertEquals(
                "Replay 1 order (" + single + ")?", browser.switchTo().alert().getText());
        browser.switchTo().alert().accept();
        wait(Duration.ofSeconds(60)).until(ExpectedConditions.textToBe(By.id("order-state"), "SYNCED"));
        String erpNumber = text("order-erp-number");
        assertEquals(
                erpNumber,
                String.valueOf(
                        QueuedOrderTest.erpOrder(SuiteExtension.suite(), single).get("erpOrderNumber")));
        screenshot("order-synced");

        browser.get(console.url() + "/queue?status=FAILED");
        for (long id : List.of(firstId, secondId)) {
            browser.findElement(By.cssSelector("input[name='ids'][value='" + id + "']"))
                    .click();
        }
        browser.findElement(By.id("replay-selected")).click();
        wait(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("confirm-text")));
        assertTrue(text("confirm-text").startsWith("Replay 2 orders?"), text("confirm-text"));
        screenshot("queue-replay-confirm");
        browser.findElement(By.id("confirm-replay-yes")).click();
        wait(Duration.ofSeconds(20))
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.id("confirmation"), "Replayed 2 of 2 orders."));
        for (String order : List.of(first, second)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (QueuedOrderTest.erpOrder(SuiteExtension.suite(), order) == null && System.nanoTime() < deadline) {
                Thread.sleep(300);
            }
            assertNotNull(QueuedOrderTest.erpOrder(SuiteExtension.suite(), order), order + " in the ERP");
        }
    }

    @Test
    void operatorsAdminActionIsRefusedInThePageAndByTheApi() throws Exception {
        signIn("operator");
        browser.get(console.url() + "/activities");
        WebElement run = browser.findElement(By.id("run-import-products"));
        assertFalse(run.isEnabled(), "Run now is disabled for an operator");
        assertEquals("needs the admin role", run.getDomAttribute("title"));
        // Forced anyway (the button enabled by hand): the console refuses and says why.
        ((JavascriptExecutor) browser)
                .executeScript("arguments[0].removeAttribute('disabled'); arguments[0].click();", run);
        wait(Duration.ofSeconds(20))
                .until(ExpectedConditions.textToBe(By.id("result"), "Refused: this action needs the admin role."));
        screenshot("operator-refused");
        // And batch-service refuses the operator's token itself.
        given().baseUri(batch.url())
                .auth()
                .oauth2(operatorToken)
                .post("/api/v1/activities/import-products/run")
                .then()
                .statusCode(403);
        given().baseUri(batch.url())
                .auth()
                .oauth2(operatorToken)
                .get("/api/v1/runs?activity=import-products&status=STARTING")
                .then()
                .statusCode(200)
                .body("total", org.hamcrest.Matchers.equalTo(0));
    }

    /** A queued order whose sends failed (as after an ERP answering 500): FAILED, not due. */
    static long failedOrder(String shopOrderId) throws Exception {
        Map<String, String> order = new LinkedHashMap<>();
        order.put("OrderCustomerAccessUserExternalId", Suite.CUSTOMER);
        order.put("CreateOrder", "True");
        order.put("OrderID", shopOrderId);
        order.put("OrderCurrencyCode", "EUR");
        order.put("OrderDate", "2026-12-07T10:00:00");
        order.put("OrderCustomerName", "Console customer");
        Map<String, String> line = new LinkedHashMap<>();
        line.put("OrderLineID", shopOrderId + "-1");
        line.put("OrderLineProductID", "10001");
        line.put("OrderLineQuantity", "1");
        String xml = new CalculateOrder(order, new ArrayList<>(List.of(line))).toXml();
        try (Connection db = SuiteExtension.suite().db();
                PreparedStatement insert = db.prepareStatement(
                        "insert into orderqueue.queued_order (shop_order_id,"
                                + " shop_id, customer_id, request_xml, source_event_id, status, attempts, failures, last_error)"
                                + " values (?, 'SHOP1', ?, ?, ?, 'FAILED', 3, 3, 'UNAVAILABLE: ERP answered 500') returning id")) {
            insert.setString(1, shopOrderId);
            insert.setString(2, Suite.CUSTOMER);
            insert.setString(3, xml);
            insert.setString(4, UUID.randomUUID().toString());
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
