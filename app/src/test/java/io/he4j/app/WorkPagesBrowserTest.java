package io.he4j.app;

import io.he4j.client.FederationClient;
import io.he4j.client.He4jClient;
import io.he4j.client.Prediction;
import io.he4j.client.RecordResult;
import io.he4j.client.RemoteModel;
import io.he4j.federated.FederatedSimulation;
import io.he4j.federated.GlobalPreprocessing;
import io.he4j.federated.Institution;
import io.he4j.federated.KeyMode;
import io.he4j.federated.ModelShape;
import io.he4j.federated.ThresholdKey;
import io.he4j.federated.UpdateEnvelope;
import io.he4j.federated.UpdateLayout;
import io.he4j.ml.data.Dataset;
import io.he4j.ml.metrics.ClassificationMetrics;
import io.he4j.ml.model.OutputLink;
import io.he4j.ml.model.TrainedModel;
import io.he4j.ml.train.TrainOptions;
import io.he4j.server.auth.Role;
import io.he4j.server.db.TenantStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pages for stored records, scoring jobs and federations in a real browser against a real service on
 * loopback, and the console's pages for them: records uploaded through the page, a job started, followed and
 * its results decrypted in the app equal to what the SDK's records API decrypts for the same job (with the
 * app's kept keys); a federation made through the SDK listed with its rounds; the console listing the job.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkPagesBrowserTest extends BrowserTest {
    /** The record the test erases through the page (on the first page: ids list in text order). */
    private static final int ERASED = 10;
    /** Rows of the test split stored as records: enough for three pages of 10, few enough to stay fast. */
    private static final int ROWS = 24;
    private static String jobId;
    private static String federationId;
    /** The federation run to completion whose rounds are measured on the test split. */
    private static String accuracyFederationId;
    private static final int FL_ROUNDS = 3;

    @BeforeAll
    static void start() {
        open(true);
    }

    private static WebDriverWait waiting() {
        // the pages reload themselves while work runs: an element may go stale between finding and reading it
        WebDriverWait w = new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(100));
        w.ignoring(org.openqa.selenium.WebDriverException.class);
        return w;
    }

    @Test
    @Order(1)
    void thePagesNeedASignInAndEveryFormItsCsrfToken() throws Exception {
        expectedConsole.add("status of 403");
        for (String path : List.of("/records", "/jobs", "/jobs/job-1", "/federations", "/federations/fed-1")) {
            browser.get(base + path);
            assertTrue(browser.getCurrentUrl().endsWith("/login"), path + " led to " + browser.getCurrentUrl());
        }
        browser.findElement(By.id("user")).sendKeys(AppFixture.USER);
        browser.findElement(By.id("password")).sendKeys(AppFixture.PASSWORD);
        Browser.submit(browser, By.id("sign-in"));
        browser.get(base + "/jobs");
        browser.executeScript("document.querySelector('main input[name=csrf]').remove()");
        Browser.submit(browser, By.id("start"));
        assertTrue(browser.findElement(By.tagName("h1")).getText().startsWith("403"));
        try (He4jClient c = He4jClient.builder(fx.server.uri().toString()).token(fx.clientToken).build()) {
            assertEquals(List.of(), new io.he4j.client.RecordCatalog(c).jobs("", 10), "a refused form started a job");
        }
    }

    @Test
    @Order(2)
    void uploadRecordsThroughThePageListAndEraseOne() {
        browser.get(base + "/records");
        browser.findElement(By.id("csv")).sendKeys(firstRows(ROWS).toString());
        browser.findElement(By.id("label")).sendKeys("label");
        Browser.submit(browser, By.id("store"));
        waiting().until(d -> d.findElement(By.id("status")).getText().startsWith("Done")
                || !d.findElements(By.cssSelector("#status.error")).isEmpty());
        int rows = ROWS;
        assertEquals("Done: " + rows + " rows in " + rows + " records: " + rows + " created, 0 replaced, 0 unchanged.",
                browser.findElement(By.id("status")).getText());
        browser.get(base + "/records?per=10");
        List<String> ids = new ArrayList<>();
        while (true) {
            for (WebElement tr : browser.findElements(By.cssSelector("#records tbody tr"))) {
                ids.add(tr.findElement(By.tagName("code")).getText());
            }
            List<WebElement> next = browser.findElements(By.id("next-page"));
            if (next.isEmpty()) {
                break;
            }
            Browser.submit(browser, By.id("next-page"));
        }
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= rows; i++) {
            expected.add(Integer.toString(i));
        }
        assertEquals(expected.stream().sorted().toList(), ids, "every row stored under its row number, listed in id order");
        browser.get(base + "/records");
        Browser.submit(browser, By.cssSelector("button[aria-label='Erase record " + ERASED + "']"));
        assertTrue(browser.findElement(By.id("erased")).getText().contains("Record " + ERASED + " and its scores"));
    }

    @Test
    @Order(3)
    void aJobStartedOnThePageShowsTheResultsTheSdkDecrypts() throws Exception {
        browser.get(base + "/jobs");
        Browser.submit(browser, By.id("start"));
        waiting().until(d -> d.findElement(By.id("state")).getText().equals("done"));
        jobId = browser.findElement(By.id("job-id")).getText();
        int scored = ROWS - 1; // the erased record is not scored
        assertEquals(scored + " of " + scored + " records", browser.findElement(By.id("progress-text")).getText());
        List<WebElement> trs = browser.findElements(By.cssSelector("#results tbody tr"));
        assertEquals(scored, trs.size());

        // the SDK's records API, with the keys the app kept, on the same job
        Map<Integer, Prediction> sdk = new HashMap<>();
        try (He4jClient c = He4jClient.builder(fx.server.uri().toString()).token(fx.clientToken).build();
             RemoteModel m = c.model(AppFixture.MODEL, Files.readAllBytes(fx.app.keyFile(AppFixture.MODEL)))) {
            for (RecordResult r : m.results(jobId)) {
                assertTrue(r.error().isEmpty(), r.toString());
                sdk.put(Integer.parseInt(r.recordId()), r.predictions().getFirst());
            }
        }
        assertEquals(scored, sdk.size());
        OutputLink link = OutputLink.SIGMOID;
        for (int i = 0; i < trs.size(); i++) {
            List<WebElement> td = trs.get(i).findElements(By.tagName("td"));
            int row = Integer.parseInt(td.get(0).getText());
            assertEquals(i + 1 < ERASED ? i + 1 : i + 2, row, "rows in order, without the erased one");
            Prediction p = sdk.get(row);
            int label = link.label(p.scores());
            double shown = Double.parseDouble(td.get(2).getText());
            assertEquals(p.probabilities()[label], shown, AppBrowserTest.PROBABILITY_TOLERANCE, "row " + row);
            if (Math.abs(p.probabilities()[1] - 0.5) > AppBrowserTest.PROBABILITY_TOLERANCE) {
                assertEquals(fx.model.classNames().get(label), td.get(1).getText(), "row " + row);
            }
        }
        // the download is the table, as the CSV `./he4j records results` prints
        String session = browser.manage().getCookieNamed(HospitalApp.COOKIE).getValue();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/jobs/" + jobId
                    + "/results.csv")).header("Cookie", HospitalApp.COOKIE + "=" + session).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            String[] lines = r.body().split("\n");
            assertEquals("row,prediction,probability", lines[0]);
            assertEquals(scored + 1, lines.length);
            for (int i = 0; i < trs.size(); i++) {
                List<WebElement> td = trs.get(i).findElements(By.tagName("td"));
                assertEquals(td.get(0).getText() + "," + td.get(1).getText() + "," + td.get(2).getText(), lines[i + 1]);
            }
        }
        browser.get(base + "/jobs");
        assertTrue(browser.findElement(By.id("jobs")).getText().contains(jobId));
    }

    @Test
    @Order(4)
    void aFederationCreatedThroughTheSdkShowsWithItsRounds() {
        String url = fx.server.uri().toString();
        String otherToken = new TenantStore(fx.server.database()).create("hospital-b", Role.CLIENT).token();
        double[][] rounds = {{0.1, -0.2, 0.3, 0.05}, {0.15, -0.1, 0.25, 0.0}, {0.18, -0.05, 0.2, -0.02},
                {0.19, -0.04, 0.19, -0.03}};
        double[][] expected = new double[rounds.length][];
        try (He4jClient a = He4jClient.builder(url).token(fx.clientToken).build();
             He4jClient b = He4jClient.builder(url).token(otherToken).build();
             ThresholdKey ka = ThresholdKey.generate(); ThresholdKey kb = ThresholdKey.generate()) {
            FederationClient fa = new FederationClient(a);
            FederationClient fb = new FederationClient(b);
            FederationClient.State st = fa.create("heart-fedavg", KeyMode.THRESHOLD, 2, 4, 1, 6, Duration.ofMinutes(5));
            federationId = st.id();
            java.security.KeyPair signA = UpdateEnvelope.newSigningKey();
            java.security.KeyPair signB = UpdateEnvelope.newSigningKey();
            fa.join(st.id(), "hospital-a", 100, ka.publicKeyShare(st.commonSeed()), signA); // the owner: no invitation
            fb.join(st.id(), "hospital-b", 300, kb.publicKeyShare(st.commonSeed()), signB, fa.invite(st.id()));
            java.security.PrivateKey memberA = signA.getPrivate();
            java.security.PrivateKey memberB = signB.getPrivate();
            byte[] collective = fa.collectiveKey(st.id());
            ka.useCollectiveKey(collective);
            kb.useCollectiveKey(collective);
            UpdateLayout layout = fa.state(st.id()).layout();
            for (int r = 1; r <= rounds.length; r++) {
                double[] va = new double[4];
                double[] vb = new double[4];
                for (int i = 0; i < 4; i++) {
                    va[i] = 0.25 * rounds[r - 1][i];          // weights 100/400 and 300/400
                    vb[i] = 0.75 * (rounds[r - 1][i] + 0.01);
                }
                fa.uploadUpdate(st.id(), r, new UpdateEnvelope(UpdateEnvelope.Purpose.UPDATE, st.id(), r, "hospital-a",
                        layout, ka.encrypt(layout, va)).seal(memberA));
                fb.uploadUpdate(st.id(), r, new UpdateEnvelope(UpdateEnvelope.Purpose.UPDATE, st.id(), r, "hospital-b",
                        layout, kb.encrypt(layout, vb)).seal(memberB));
                List<byte[]> aggregate = fa.aggregate(st.id(), r);
                fa.uploadDecryptionShares(st.id(), r, new UpdateEnvelope(UpdateEnvelope.Purpose.DECRYPTION_SHARES,
                        st.id(), r, "hospital-a", layout, ka.decryptionShares(layout, aggregate)).seal(memberA));
                fb.uploadDecryptionShares(st.id(), r, new UpdateEnvelope(UpdateEnvelope.Purpose.DECRYPTION_SHARES,
                        st.id(), r, "hospital-b", layout, kb.decryptionShares(layout, aggregate)).seal(memberB));
                expected[r - 1] = fa.result(st.id(), r);
            }
        }
        browser.get(base + "/federations");
        String list = browser.findElement(By.id("federations")).getText();
        assertTrue(list.contains("heart-fedavg") && list.contains(federationId) && list.contains("5 of 6"), list);
        browser.findElement(By.linkText("heart-fedavg")).click();
        String members = browser.findElement(By.id("members")).getText();
        assertTrue(members.contains("hospital-a") && members.contains("hospital-b") && members.contains("300"), members);
        List<WebElement> rows = browser.findElements(By.cssSelector("#rounds tbody tr"));
        assertEquals(rounds.length + 1, rows.size(), "the rounds done and the one being collected");
        for (int r = 1; r <= rounds.length; r++) {
            List<WebElement> td = rows.get(r - 1).findElements(By.tagName("td"));
            assertEquals("decrypted", td.get(1).getText());
            assertEquals(String.format(Locale.ROOT, "%.6f", norm(expected[r - 1], null)), td.get(2).getText());
            assertEquals(r == 1 ? "—" : String.format(Locale.ROOT, "%.6f", norm(expected[r - 1], expected[r - 2])),
                    td.get(3).getText());
        }
        assertTrue(rows.get(rounds.length).getText().contains("collecting updates"), rows.get(rounds.length).getText());
        assertEquals(rounds.length - 1, browser.findElements(By.cssSelector("#round-change circle")).size(),
                "one point per round with a change to show");
        assertTrue(browser.findElement(By.id("accuracy-note")).getText().contains("does not know"));
    }

    /**
     * A real federation (two hospitals, each half of the training split, logistic regression, 3 FedAvg rounds after
     * the pooled-statistics round) run to completion through the SDK; the page, given the labelled test split,
     * shows for every round the correct count, accuracy and ROC-AUC the test computes itself from the SDK's
     * decrypted round result and the same rows.
     */
    @Test
    @Order(5)
    void aFinishedFederationShowsTheAccuracyOfEveryRoundOnALabelledFile() {
        String url = fx.server.uri().toString();
        String otherToken = new TenantStore(fx.server.database()).create("clinic-b", Role.CLIENT).token();
        Dataset train = fx.split.train();
        int half = train.rows() / 2;
        Dataset partA = train.subset(java.util.stream.IntStream.range(0, half).toArray(), "hospital-a");
        Dataset partB = train.subset(java.util.stream.IntStream.range(half, train.rows()).toArray(), "clinic-b");
        TrainOptions model = TrainOptions.linear(AppFixture.SEED);
        FederatedSimulation.Options o = FederatedSimulation.Options.defaults(model, FL_ROUNDS);
        ModelShape shape = ModelShape.of(train, model);
        int d = train.features();
        double[][] averages = new double[FL_ROUNDS + 1][];
        GlobalPreprocessing pre;
        String statsId;
        try (He4jClient a = He4jClient.builder(url).token(fx.clientToken).build();
             He4jClient b = He4jClient.builder(url).token(otherToken).build();
             Institution ia = new Institution("hospital-a", partA, ThresholdKey.generate());
             Institution ib = new Institution("clinic-b", partB, ThresholdKey.generate())) {
            List<SdkFederation.Member> members = List.of(new SdkFederation.Member(ia, a),
                    new SdkFederation.Member(ib, b));
            SdkFederation stats = new SdkFederation(members, "statistics", 1 + 3 * d, train.rows(), 1);
            statsId = stats.id();
            pre = GlobalPreprocessing.fromNormalizedTotals(stats.round(1, i -> i.encryptedStatistics(stats.layout(),
                    o.featureBound())), d, o.featureBound());
            SdkFederation fed = new SdkFederation(members, "heart-lr", shape.parameters(), o.clip(), FL_ROUNDS);
            accuracyFederationId = fed.id();
            double[] global = shape.initialParameters();
            for (int r = 1; r <= FL_ROUNDS; r++) {
                double[] from = global;
                global = fed.round(r, i -> i.update(shape, pre, from, o.localIterations(), fed.layout(), o.clip(),
                        i.rows() / pre.rows()));
                averages[r] = global;
            }
        }
        // a layout the federation's parameters do not have: a page that says why, not a 5xx
        expectedConsole.add("status of 400");
        browser.get(base + "/federations/" + accuracyFederationId);
        browser.findElement(By.id("csv")).sendKeys(fx.testCsv(true).toString());
        browser.findElement(By.id("hidden")).sendKeys("4");
        Browser.submit(browser, By.id("measure"));
        assertTrue(browser.findElement(By.tagName("main")).getText().contains("the federation has " + shape.parameters()
                + " parameters, which is no MLP"), browser.findElement(By.tagName("main")).getText());
        browser.get(base + "/federations/" + accuracyFederationId);
        assertEquals(statsId, new Select(browser.findElement(By.id("statistics"))).getFirstSelectedOption()
                .getAttribute("value"), "the statistics federation made just before is the default");
        browser.findElement(By.id("csv")).sendKeys(fx.testCsv(true).toString());
        browser.findElement(By.id("label")).sendKeys("label");
        Browser.submit(browser, By.id("measure"));
        Dataset test = fx.split.test();
        List<WebElement> rows = browser.findElements(By.cssSelector("#rounds tbody tr"));
        assertEquals(FL_ROUNDS, rows.size());
        for (int r = 1; r <= FL_ROUNDS; r++) {
            // the test's own count: the round's model from the SDK's decrypted average, on the same rows
            TrainedModel m = shape.model(averages[r], pre);
            int correct = 0;
            double[][] p = new double[test.rows()][];
            for (int i = 0; i < test.rows(); i++) {
                correct += m.predictLabel(test.x()[i]) == test.labels()[i] ? 1 : 0;
                p[i] = m.probabilities(test.x()[i]);
            }
            List<WebElement> td = rows.get(r - 1).findElements(By.tagName("td"));
            System.out.printf("federation round %d: page %s (%s), test %d of %d%n", r, td.get(5).getText(),
                    td.get(4).getText(), correct, test.rows());
            assertEquals(correct + " of " + test.rows(), td.get(5).getText(), "round " + r + ": correct predictions");
            assertEquals(String.format(Locale.ROOT, "%.4f", (double) correct / test.rows()), td.get(4).getText());
            assertEquals(String.format(Locale.ROOT, "%.4f", ClassificationMetrics.of(test.labels(), p).rocAuc()),
                    td.get(6).getText(), "round " + r + ": ROC-AUC");
        }
        assertEquals(2 * FL_ROUNDS, browser.findElements(By.cssSelector("#round-accuracy circle")).size(),
                "one point per round for accuracy and for ROC-AUC");
        String note = browser.findElement(By.id("accuracy-note")).getText();
        assertTrue(note.contains("Measured by this app") && note.contains("test-labelled.csv")
                && note.contains("not sent to the service") && note.contains(statsId), note);
        Browser.submit(browser, By.id("forget"));
        assertTrue(browser.findElements(By.id("round-accuracy")).isEmpty(), "forgotten: no accuracy shown");
        assertEquals(4, browser.findElements(By.cssSelector("#rounds thead th")).size());
        // a shared-key federation: the app holds no member key and says so
        try (He4jClient a = He4jClient.builder(url).token(fx.clientToken).build()) {
            String shared = new FederationClient(a).create("shared-key", KeyMode.SHARED, 2, 4, 1, 2,
                    Duration.ofMinutes(5)).id();
            browser.get(base + "/federations/" + shared);
            assertTrue(browser.findElement(By.id("accuracy-note")).getText().contains("holds no member's key"));
            assertTrue(browser.findElements(By.id("measure")).isEmpty());
        }
    }

    @Test
    @Order(6)
    void theConsoleListsTheJobRecordsAndFederation() {
        String console = fx.server.uri() + "/console";
        browser.get(console + "/jobs");
        assertTrue(browser.getCurrentUrl().endsWith("/console/login"), browser.getCurrentUrl());
        browser.findElement(By.id("token")).sendKeys(fx.adminToken);
        Browser.submit(browser, By.id("sign-in"));
        browser.get(console + "/jobs");
        WebElement row = browser.findElements(By.cssSelector("#jobs tbody tr")).stream()
                .filter(tr -> tr.getText().contains(jobId)).findFirst().orElseThrow();
        int scored = ROWS - 1;
        String text = row.getText();
        assertTrue(text.contains("hospital-a") && text.contains(AppFixture.MODEL) && text.contains("done")
                && text.contains(scored + " of " + scored), text);
        browser.get(console + "/records");
        String records = browser.findElement(By.id("records")).getText();
        assertTrue(records.contains("hospital-a " + AppFixture.MODEL + " " + scored + " " + scored), records);
        browser.get(console + "/federations");
        String feds = browser.findElement(By.id("federations")).getText();
        assertTrue(feds.contains(federationId) && feds.contains("hospital-b (hospital-b)") && feds.contains("5 of 6"),
                feds);
    }

    /** Screenshots of these pages, to target/screenshots and, with -Dhe4j.screenshots=DIR, there too. */
    @Test
    @Order(7)
    void screenshotsOfThePages() {
        Screenshots shots = new Screenshots(browser, System.getProperty("he4j.screenshots", ""));
        browser.get(base + "/records");
        shots.take("app-records");
        browser.get(base + "/jobs/" + jobId);
        shots.take("app-job");
        browser.get(base + "/federations/" + accuracyFederationId);
        browser.findElement(By.id("csv")).sendKeys(fx.testCsv(true).toString());
        Browser.submit(browser, By.id("measure"));
        browser.executeScript("document.getElementById('rounds').scrollIntoView()");
        shots.take("app-federation");
        browser.get(fx.server.uri() + "/console/jobs");
        shots.take("console-jobs");
        assertEquals(4, shots.count());
    }

    /** The first {@code n} rows of the labelled test split as a CSV file. */
    private static java.nio.file.Path firstRows(int n) {
        try {
            java.nio.file.Path all = fx.testCsv(true);
            java.nio.file.Path some = all.resolveSibling("first-" + n + ".csv");
            Files.write(some, Files.readAllLines(all).subList(0, n + 1));
            return some;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static double norm(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - (b == null ? 0 : b[i]);
            s += d * d;
        }
        return Math.sqrt(s);
    }
}
