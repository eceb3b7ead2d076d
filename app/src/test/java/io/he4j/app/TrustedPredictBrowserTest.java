package io.he4j.app;

import io.he4j.client.He4jClient;
import io.he4j.client.Prediction;
import io.he4j.client.RemoteModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The check "predict a patient and see the same probability (to 1e-6) the SDK returns", where it can
 * hold: against a service with model privacy disabled for trusted clients (no flooding of the reply), the exact
 * decryption the predict page shows equals the SDK's exact decryption of its own query for the same patient within
 * 1e-6, and so does the plaintext model's probability (observed: within 4e-9). (With model privacy on, each reply carries fresh flooding up to 5e-5 in the logit, and released values are
 * rounded to 1e-3: {@link AppBrowserTest} compares those within the release precision.)
 */
class TrustedPredictBrowserTest extends BrowserTest {
    static final double EXACT_TOLERANCE = 1e-6;

    @BeforeAll
    static void start() {
        open(false);
    }

    @Test
    void thePageShowsTheSdkExactProbabilityToOneMillionth() {
        browser.get(base + "/login");
        browser.findElement(By.id("user")).sendKeys(AppFixture.USER);
        browser.findElement(By.id("password")).sendKeys(AppFixture.PASSWORD);
        Browser.submit(browser, By.id("sign-in"));
        double worst = 0;
        try (He4jClient sdk = He4jClient.builder(fx.server.uri().toString()).token(fx.clientToken).build();
             RemoteModel m = sdk.model(AppFixture.MODEL)) {
            for (int row = 0; row < 5; row++) {
                double[] x = fx.split.test().x()[row];
                browser.get(base + "/predict/heart");
                Browser.fill(browser, x);
                Browser.submit(browser, By.id("predict"));
                double exact = Double.parseDouble(browser.findElement(By.id("exact-value")).getText());
                double released = Double.parseDouble(browser.findElement(By.id("probability")).getText());
                Prediction p = m.predict(x);
                double plain = fx.model.probabilities(x)[p.label()];
                System.out.printf("trusted predict row %d: page exact %.9f, SDK exact %.9f, plaintext %.9f "
                                + "(|page-SDK| %.2e, |page-plain| %.2e); released page %.9f, SDK %.9f%n", row, exact,
                        p.exactValue(), plain, Math.abs(exact - p.exactValue()), Math.abs(exact - plain), released,
                        p.value());
                assertEquals(fx.model.classNames().get(p.label()), browser.findElement(By.id("label")).getText());
                assertEquals(p.exactValue(), exact, EXACT_TOLERANCE, "row " + row + ": page vs SDK, exact");
                assertEquals(plain, exact, EXACT_TOLERANCE, "row " + row + ": page vs plaintext model");
                assertEquals(p.value(), released, AppBrowserTest.PROBABILITY_TOLERANCE, "row " + row + ": released");
                worst = Math.max(worst, Math.abs(exact - p.exactValue()));
            }
        }
        System.out.printf("trusted predict: largest |page exact - SDK exact| %.2e%n", worst);
        assertTrue(browser.findElement(By.id("exact")).getText().contains("stays here"));
        assertEquals(List.of(), Browser.severe(browser), "JavaScript console errors");
    }
}
