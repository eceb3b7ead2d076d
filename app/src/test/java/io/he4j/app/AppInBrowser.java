package io.he4j.app;

import org.openqa.selenium.chrome.ChromeDriver;

/** A browser test's world: the service and the app ({@link AppFixture}) and a headless Chromium on the app. */
record AppInBrowser(AppFixture fx, ChromeDriver browser, String base) implements AutoCloseable {
    static AppInBrowser start(boolean modelPrivacy) {
        AppFixture fx = new AppFixture(modelPrivacy);
        try {
            return new AppInBrowser(fx, Browser.start(), fx.app.uri().toString());
        } catch (RuntimeException e) {
            fx.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            browser.quit();
        } finally {
            fx.close();
        }
    }
}
