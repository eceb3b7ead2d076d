package io.he4j.app;

import io.he4j.client.He4jClient;
import io.he4j.client.RemoteModel;
import io.he4j.ml.eval.Evaluation;
import io.he4j.ml.eval.EvaluationReport;
import io.he4j.ml.metrics.ClassificationMetrics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hospital app in a real browser (headless Chromium) against a real service on loopback: login, lockout,
 * CSRF, redirects, predict one, batch CSV, evaluation; the browser console must stay free of errors.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AppBrowserTest extends BrowserTest {
    /**
     * The page and the SDK both show released scores (safe decryption: flooded and rounded to
     * {@link io.he4j.ml.he.ModelClient#DEFAULT_RELEASE_PRECISION} in the logit), each within that precision of its
     * exact decryption, plus 1e-4 of CKKS error: probabilities (sigmoid' <= 1/4) agree within this.
     */
    static final double PROBABILITY_TOLERANCE = (2 * io.he4j.ml.he.ModelClient.DEFAULT_RELEASE_PRECISION + 1e-4) / 4;

    @BeforeAll
    static void start() {
        open(true);
    }

    private void signIn(String user, String password) {
        browser.get(base + "/login");
        browser.findElement(By.id("user")).clear();
        browser.findElement(By.id("user")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        Browser.submit(browser, By.id("sign-in"));
    }

    @Test
    @Order(1)
    void everyPageRedirectsToLoginWhenSignedOut() throws Exception {
        for (String path : List.of("/", "/models/heart", "/predict/heart", "/batch/heart", "/evaluate/heart",
                "/no/such/page")) {
            browser.get(base + path);
            assertTrue(browser.getCurrentUrl().endsWith("/login"), path + " led to " + browser.getCurrentUrl());
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/predict/heart"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("f0=1")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(303, r.statusCode());
            assertEquals("/login", r.headers().firstValue("Location").orElse(""));
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("default-src 'none'") && !csp.contains("script-src"), csp);
        }
    }

    @Test
    @Order(2)
    void fiveWrongPasswordsLockTheLogin() {
        expectedConsole.add("status of 401");
        expectedConsole.add("status of 429");
        for (int i = 1; i <= AppConfig.MAX_LOGIN_FAILURES; i++) {
            signIn(AppFixture.OTHER_USER, "wrong password " + i);
            String msg = browser.findElement(By.id("login-error")).getText();
            assertTrue(i < AppConfig.MAX_LOGIN_FAILURES ? msg.contains("Wrong") : msg.contains("locked"), i + ": " + msg);
        }
        signIn(AppFixture.OTHER_USER, "another long password"); // right password, but locked
        assertTrue(browser.findElement(By.id("login-error")).getText().contains("locked"));
        assertTrue(browser.getCurrentUrl().endsWith("/login"));
    }

    @Test
    @Order(3)
    void loginWithoutCsrfTokenIsRefused() throws Exception {
        expectedConsole.add("status of 403");
        browser.get(base + "/login");
        browser.executeScript("document.querySelector('input[name=csrf]').remove()");
        browser.findElement(By.id("user")).sendKeys(AppFixture.USER);
        browser.findElement(By.id("password")).sendKeys(AppFixture.PASSWORD);
        Browser.submit(browser, By.id("sign-in"));
        assertTrue(browser.findElement(By.tagName("h1")).getText().startsWith("403"), browser.getPageSource());
        browser.get(base + "/");
        assertTrue(browser.getCurrentUrl().endsWith("/login"), "not signed in");
    }

    @Test
    @Order(4)
    void signInThenAFormPostWithoutCsrfIsRefused() {
        expectedConsole.add("status of 403");
        signIn(AppFixture.USER, AppFixture.PASSWORD);
        assertTrue(browser.findElement(By.id("models")).getText().contains(AppFixture.MODEL));
        var cookie = browser.manage().getCookieNamed(HospitalApp.COOKIE);
        assertTrue(cookie.isHttpOnly() && "Strict".equals(cookie.getSameSite()), cookie.toString());
        browser.get(base + "/predict/heart");
        browser.executeScript("document.querySelector('main input[name=csrf]').remove()");
        Browser.submit(browser, By.id("predict"));
        assertTrue(browser.findElement(By.tagName("h1")).getText().startsWith("403"));
    }

    @Test
    @Order(5)
    void predictOneShowsTheSdkProbability() {
        double[] x = fx.split.test().x()[3];
        browser.get(base + "/predict/heart");
        Browser.fill(browser, x);
        Browser.submit(browser, By.id("predict"));
        double shown = Double.parseDouble(browser.findElement(By.id("probability")).getText());
        System.out.printf("predict-one in the browser, first (with key generation): %.1f ms%n",
                Browser.navigationMillis(browser));
        // CKKS is approximate, every encryption draws fresh noise and every release fresh flooding: two predictions
        // of the same patient (the app's, the SDK's) agree within the release precision, not to 1e-6 (docs/app.md).
        try (He4jClient sdk = He4jClient.builder(fx.server.uri().toString()).token(fx.clientToken).build();
             RemoteModel m = sdk.model(AppFixture.MODEL)) {
            double viaSdk = m.predict(x).value();
            double plain = fx.model.probabilities(x)[fx.model.predictLabel(x)];
            System.out.printf("predict-one: page %.9f, SDK %.9f, plaintext %.9f (|page-SDK| %.2e)%n", shown, viaSdk,
                    plain, Math.abs(shown - viaSdk));
            assertEquals(viaSdk, shown, PROBABILITY_TOLERANCE);
            assertEquals(plain, shown, PROBABILITY_TOLERANCE);
        }
        // the exact decryption of the same answer, shown beside it: released = exact flooded and rounded within the
        // release precision in the logit (sigmoid' <= 1/4), the page printing 9 decimals
        double exact = Double.parseDouble(browser.findElement(By.id("exact-value")).getText());
        assertEquals(exact, shown, io.he4j.ml.he.ModelClient.DEFAULT_RELEASE_PRECISION / 4 + 2e-9);
        String wire = browser.findElement(By.id("wire")).getText();
        assertTrue(wire.contains("bytes of ciphertext") && wire.contains("128 bits"), wire);
    }

    @Test
    @Order(6)
    void batchCsvGivesEveryRowAndADownload() throws Exception {
        Path csv = fx.testCsv(false);
        browser.get(base + "/batch/heart");
        browser.findElement(By.id("csv")).sendKeys(csv.toString());
        Browser.submit(browser, By.id("upload"));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!statusText().startsWith("Done")) {
            assertTrue(System.nanoTime() < deadline, "batch did not finish");
            assertTrue(browser.findElements(By.cssSelector("p.error")).isEmpty(), browser.getPageSource());
            Thread.sleep(300);
        }
        int n = fx.split.test().rows();
        assertEquals(n, browser.findElements(By.cssSelector("#results tbody tr")).size());
        String href = browser.findElement(By.id("download")).getAttribute("href");
        String session = browser.manage().getCookieNamed(HospitalApp.COOKIE).getValue();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(href))
                    .header("Cookie", HospitalApp.COOKIE + "=" + session).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals(n + 1, r.body().lines().count());
        }
    }

    @Test
    @Order(7)
    void evaluationMatchesTheEvaluateCommand() {
        EvaluationReport report = Evaluation.run(fx.model, fx.split.test(), Evaluation.Mode.BATCH,
                Evaluation.Options.defaults());
        browser.get(base + "/evaluate/heart");
        browser.findElement(By.id("csv")).sendKeys(fx.testCsv(true).toString());
        Browser.submit(browser, By.id("evaluate"));
        WebElement enc = browser.findElement(By.id("cm-encrypted"));
        System.out.printf("evaluation page for %d rows, first (with batch key generation): %.1f ms%n",
                fx.split.test().rows(), Browser.navigationMillis(browser));
        System.out.println("confusion matrices (plaintext | encrypted), as " + AppFixture.EVALUATE_COMMAND + " prints: "
                + cells(report.plain().orElseThrow()) + " | " + cells(report.encrypted().orElseThrow()));
        assertEquals(cells(report.encrypted().orElseThrow()), cells(enc));
        assertEquals(cells(report.plain().orElseThrow()), cells(browser.findElement(By.id("cm-plain"))));
        assertEquals(1, browser.findElements(By.cssSelector("svg#roc-1 polyline")).size() / 2);
    }

    @Test
    @Order(8)
    void consoleShowsTenantsModelsTrafficAndTheAuditOfThisTest() throws Exception {
        expectedConsole.add("status of 401");
        String console = fx.server.uri() + "/console";
        browser.get(console + "/audit");
        assertTrue(browser.getCurrentUrl().endsWith("/console/login"), browser.getCurrentUrl());
        browser.findElement(By.id("token")).sendKeys(fx.clientToken); // a client token is not enough
        Browser.submit(browser, By.id("sign-in"));
        assertTrue(browser.findElement(By.id("login-error")).getText().contains("not an admin"));
        browser.findElement(By.id("token")).sendKeys(fx.adminToken);
        Browser.submit(browser, By.id("sign-in"));
        assertTrue(browser.getCurrentUrl().endsWith("/console"), browser.getCurrentUrl());
        var cookie = browser.manage().getCookieNamed(io.he4j.server.console.ConsoleRoutes.COOKIE);
        assertTrue(cookie.isHttpOnly() && "Strict".equals(cookie.getSameSite()), cookie.toString());
        assertTrue(browser.findElement(By.id("tenants")).getText().contains("hospital-a"));
        assertTrue(browser.findElement(By.id("models")).getText().contains(AppFixture.MODEL));

        // what this test did, as the service's own audit trail records it
        List<io.he4j.server.db.AuditLog.Entry> done = new io.he4j.server.db.AuditLog(fx.server.database()).recent(1000);
        assertTrue(done.stream().anyMatch(e -> e.action().equals("console.login") && e.actor().equals("hospital-a")
                && e.outcome().startsWith("refused")), done.toString());
        assertTrue(done.stream().anyMatch(e -> e.action().equals("console.login") && e.actor().equals("provider")
                && e.outcome().equals("ok")), done.toString());
        browser.get(console + "/audit");
        assertTrue(browser.findElement(By.id("chain")).getText().startsWith("Hash chain intact"));
        String trail = browser.findElement(By.id("audit")).getText();
        for (var e : done) {
            assertTrue(trail.contains(e.actor() + " " + e.action() + " " + e.target()), "missing " + e + " in\n" + trail);
        }
        browser.findElement(By.id("q")).sendKeys("hospital-a");
        Browser.submit(browser, By.cssSelector("main form button"));
        List<WebElement> rows = browser.findElements(By.cssSelector("#audit tbody tr"));
        assertEquals(done.stream().filter(e -> (e.actor() + e.action() + e.target() + e.outcome()).contains("hospital-a"))
                .count(), rows.size());

        browser.get(console + "/metrics");
        try (He4jClient sdk = He4jClient.builder(fx.server.uri().toString()).token(fx.clientToken).build();
             RemoteModel m = sdk.model(AppFixture.MODEL)) {
            for (int i = 0; i < 5; i++) {
                m.predict(fx.split.test().x()[i]);
            }
        }
        Thread.sleep(1100);
        browser.get(console + "/metrics");
        assertTrue(browser.findElement(By.id("totals")).getText().contains("/v1/models/{id}/predict"));
        assertEquals(1, browser.findElements(By.cssSelector("svg#rate")).size(), browser.getPageSource());
    }

    /**
     * Measures (never asserts on time): predict-one round trips in the browser, warm, and the evaluation page for a
     * 300-row labelled CSV, end to end from the click to the loaded page. With -Dhe4j.ui.results=DIR it writes
     * DIR/ui-<timestamp>.md.
     */
    @Test
    @Order(9)
    void measureBrowserRoundTrips() throws Exception {
        double[] x = fx.split.test().x()[0];
        double[] predictMs = new double[10];
        double[] predictServerMs = new double[10];
        for (int r = -1; r < predictMs.length; r++) { // r = -1: untimed warm-up
            browser.get(base + "/predict/heart");
            for (int i = 0; i < x.length; i++) { // filled by script: sendKeys is slow and not what is measured
                browser.executeScript("document.getElementById(arguments[0]).value = arguments[1]", "f" + i,
                        Double.isNaN(x[i]) ? "" : Double.toString(x[i]));
            }
            Browser.submit(browser, By.id("predict"));
            browser.findElement(By.id("probability"));
            if (r >= 0) {
                double[] ph = Browser.phases(browser);
                predictMs[r] = ph[0];
                predictServerMs[r] = ph[1];
            }
        }
        Path csv = fx.labelledCsv(300);
        double[] evalMs = new double[3];
        double[] evalServerMs = new double[3];
        for (int r = -1; r < evalMs.length; r++) { // r = -1: untimed warm-up
            browser.get(base + "/evaluate/heart");
            browser.findElement(By.id("csv")).sendKeys(csv.toString());
            Browser.submit(browser, By.id("evaluate"));
            browser.findElement(By.id("cm-encrypted"));
            if (r >= 0) {
                double[] ph = Browser.phases(browser);
                evalMs[r] = ph[0];
                evalServerMs[r] = ph[1];
                System.out.println("evaluation page, 300 rows: " + browser.findElement(By.id("elapsed")).getText());
            }
        }
        assertTrue(browser.findElement(By.tagName("main")).getText().contains("300 rows"));
        String report = UiTimings.report(browser.getCapabilities().getBrowserVersion(), predictMs, predictServerMs, evalMs,
                evalServerMs);
        System.out.print(report);
        String out = System.getProperty("he4j.ui.results", "");
        if (!out.isBlank()) {
            UiTimings.write(Path.of(out), report);
        }
    }

    /**
     * Screenshots of the main pages, to target/screenshots and, with -Dhe4j.screenshots=DIR (e.g. docs/), there too
     * (the README's pictures come from this).
     */
    @Test
    @Order(10)
    void screenshotsOfTheMainPages() throws Exception {
        Screenshots shots = new Screenshots(browser, System.getProperty("he4j.screenshots", ""));
        browser.get(base + "/");
        shots.take("app-models");
        browser.get(base + "/models/heart");
        shots.take("app-model");
        browser.get(base + "/predict/heart");
        double[] x = fx.split.test().x()[3];
        Browser.fill(browser, x);
        Browser.submit(browser, By.id("predict"));
        browser.findElement(By.id("result"));
        shots.take("app-predict");
        browser.get(base + "/evaluate/heart");
        browser.findElement(By.id("csv")).sendKeys(fx.testCsv(true).toString());
        Browser.submit(browser, By.id("evaluate"));
        browser.executeScript("document.querySelector('h2:nth-of-type(2)').scrollIntoView()");
        shots.take("app-evaluate");
        String console = fx.server.uri() + "/console";
        browser.get(console);
        shots.take("console-overview");
        browser.get(console + "/metrics");
        shots.take("console-traffic");
        browser.get(console + "/audit");
        shots.take("console-audit");
        Browser.submit(browser, By.cssSelector("form.logout button"));
        browser.get(base + "/");
        Browser.submit(browser, By.cssSelector("form.logout button"));
        assertTrue(browser.getCurrentUrl().endsWith("/login"));
        shots.take("app-login");
        assertEquals(8, shots.count());
    }

    /** The job page's status line; empty while the page reloads itself. */
    private static String statusText() {
        try {
            return browser.findElement(By.id("status")).getText();
        } catch (org.openqa.selenium.NoSuchElementException | org.openqa.selenium.StaleElementReferenceException e) {
            return "";
        }
    }

    private static String cells(ClassificationMetrics m) {
        StringBuilder b = new StringBuilder();
        for (int[] row : m.confusion()) {
            for (int v : row) {
                b.append(v).append(' ');
            }
        }
        return b.toString().strip();
    }

    private static String cells(WebElement table) {
        StringBuilder b = new StringBuilder();
        for (WebElement td : table.findElements(By.cssSelector("tbody td"))) {
            b.append(td.getText()).append(' ');
        }
        return b.toString().strip();
    }
}
