package io.he4j.app;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.openqa.selenium.chrome.ChromeDriver;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the browser tests share: one service, one app and one headless Chromium per test class (opened by the
 * class's {@code @BeforeAll} with {@link #open}), closed after the class; no JavaScript console error after any
 * test but those it expects. Test classes run one after another, so the static fields are one class's at a time.
 */
abstract class BrowserTest {
    static AppInBrowser app;
    static AppFixture fx;
    static ChromeDriver browser;
    static String base;
    /** Console errors a test expects (e.g. the 403 page it provokes), by substring. */
    final List<String> expectedConsole = new ArrayList<>();

    static void open(boolean modelPrivacy) {
        app = AppInBrowser.start(modelPrivacy);
        fx = app.fx();
        browser = app.browser();
        base = app.base();
    }

    @AfterAll
    static void closeApp() {
        if (app != null) {
            app.close();
            app = null;
        }
    }

    @AfterEach
    void noConsoleErrors() {
        assertEquals(List.of(), Browser.unexpectedErrors(browser, expectedConsole), "JavaScript console errors");
    }
}
