package dev.scenes.demo.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless chromium driven through its own chromedriver (never a downloaded one: both
 * paths are given to Selenium, so Selenium Manager is not asked), with a fresh profile directory
 * that {@link #close()} deletes.
 *
 * <p>When chromium is not installed the test is skipped with the reason, unless the environment
 * says a browser is required ({@code CI} or {@code SCENES_REQUIRE_BROWSER} set, as {@code .ci/run}
 * does): then it fails, saying how to install it.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final Path profile;
    private final ChromeDriverService service;
    private final ChromeDriver driver;

    private HeadlessChromium(Path profile, ChromeDriverService service, ChromeDriver driver) {
        this.profile = profile;
        this.service = service;
        this.driver = driver;
    }

    /** Skips (or, in CI, fails) the calling test when chromium or chromedriver is missing. */
    static void requireInstalled() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (installed) {
            return;
        }
        String missing =
                (Files.isExecutable(CHROMIUM) ? "" : CHROMIUM + " ")
                        + (Files.isExecutable(CHROMEDRIVER) ? "" : CHROMEDRIVER);
        String how = "install them with: apt-get install -y chromium chromium-driver";
        if (System.getenv("CI") != null || System.getenv("SCENES_REQUIRE_BROWSER") != null) {
            Assertions.fail(
                    "the dashboard's browser test needs headless chromium, and "
                            + missing.strip()
                            + " is missing (CI or SCENES_REQUIRE_BROWSER is set, so this is"
                            + " an error); "
                            + how);
        }
        Assumptions.abort(
                "skipped: the dashboard's browser test needs "
                        + missing.strip()
                        + "; "
                        + how
                        + " (set SCENES_REQUIRE_BROWSER=1 to make this a failure)");
    }

    /** Starts chromedriver on a free port of this machine and a headless chromium behind it. */
    static HeadlessChromium start(int width, int height) throws IOException {
        requireInstalled();
        Path profile = Files.createTempDirectory("scenes-chromium-");
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(CHROMEDRIVER.toFile())
                        .usingAnyFreePort()
                        .withSilent(true)
                        .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height);
        try {
            service.start();
            return new HeadlessChromium(profile, service, new ChromeDriver(service, options));
        } catch (RuntimeException e) {
            service.stop();
            deleteTree(profile);
            throw e;
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    Path profile() {
        return profile;
    }

    /** Quits the browser, stops chromedriver, deletes the profile. */
    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
