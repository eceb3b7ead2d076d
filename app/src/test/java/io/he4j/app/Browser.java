package io.he4j.app;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

/**
 * Debian's headless Chromium driven by its own chromedriver, both by explicit path: nothing is downloaded and
 * Selenium Manager has nothing to look up. The browser log is kept (for "no JavaScript console errors").
 */
final class Browser {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private Browser() {
    }

    static ChromeDriver start() {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM);
        o.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1000", "--disable-extensions", "--no-first-run", "--disable-sync",
                "--disable-background-networking", "--disable-component-update");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        o.setCapability("goog:loggingPrefs", logs);
        ChromeDriver d = new ChromeDriver(service, o);
        d.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return d;
    }

    /**
     * Clicks a form's submit button and waits for the answer page to have loaded (the old page gone, the new one
     * complete): clicking alone may return before the navigation starts.
     */
    static void submit(ChromeDriver d, By button) {
        WebElement old = d.findElement(By.tagName("html"));
        d.findElement(button).click();
        WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(60), Duration.ofMillis(2));
        wait.until(x -> detached(old));
        wait.until(x -> ((Number) d.executeScript("var n = performance.getEntriesByType('navigation')[0];"
                + " return n ? n.loadEventEnd : 0;")).doubleValue() > 0);
    }

    /**
     * Whether the element left the document. Besides Selenium's stale-element error, chromedriver answers "Node
     * with given id does not belong to the document" (an unknown error) for a node of a page being replaced;
     * {@code ExpectedConditions.stalenessOf} rethrows that one, so both count as gone here.
     */
    private static boolean detached(WebElement old) {
        try {
            old.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return true;
        } catch (org.openqa.selenium.WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    /** Types a patient into the predict form (a missing value stays blank). */
    static void fill(ChromeDriver d, double[] x) {
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i])) {
                d.findElement(By.id("f" + i)).sendKeys(Double.toString(x[i]));
            }
        }
    }

    /** The current page's navigation, from its start (the form's submission) to the end of its load event, in ms. */
    static double navigationMillis(ChromeDriver d) {
        return phases(d)[0];
    }

    /**
     * Navigation Timing of the current page in ms: {total (start to load end), request sent to last response byte
     * (the server's work and the transfer), response end to load end (parsing, styles, layout)}.
     */
    static double[] phases(ChromeDriver d) {
        @SuppressWarnings("unchecked")
        java.util.List<Number> v = (java.util.List<Number>) d.executeScript("var n = performance.getEntriesByType("
                + "'navigation')[0]; return [n.loadEventEnd - n.startTime, n.responseEnd - n.requestStart,"
                + " n.loadEventEnd - n.responseEnd];");
        return new double[] {v.get(0).doubleValue(), v.get(1).doubleValue(), v.get(2).doubleValue()};
    }

    /** The SEVERE console messages since the last call, except those containing one of {@code expected}. */
    static List<String> unexpectedErrors(ChromeDriver d, List<String> expected) {
        return severe(d).stream().map(LogEntry::getMessage)
                .filter(m -> expected.stream().noneMatch(m::contains)).toList();
    }

    /** The browser console's entries at SEVERE since the last call. */
    static List<LogEntry> severe(ChromeDriver d) {
        return d.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
    }
}
