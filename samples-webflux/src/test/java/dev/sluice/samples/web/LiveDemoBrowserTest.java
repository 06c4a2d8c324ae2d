package dev.sluice.samples.web;

import static dev.sluice.samples.web.LiveDemoServerTest.CAPACITY;
import static dev.sluice.samples.web.LiveDemoServerTest.PRODUCERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * End to end in a real headless browser: Debian's {@code chromium}, driven through its
 * {@code chromedriver} by Selenium, loads the demo page from the server and watches events arrive,
 * the channel fill and the producers block; switches the policy to drop oldest and sees a new
 * stream with a clean table, running producers and a growing drop counter; then disconnects and
 * sees the producers end and the channel's slots empty.
 *
 * <p>Skipped (with the reason printed) only when {@code /usr/bin/chromium} or
 * {@code /usr/bin/chromedriver} is missing: {@code apt-get install -y chromium chromium-driver}.
 * Nothing is downloaded: the driver path and the browser binary are given explicitly, and the
 * build sets {@code SE_OFFLINE=true} so Selenium Manager stays offline. Screenshots of the page
 * are written to {@code target/live-demo.png} (blocking) and {@code target/live-demo-drop-oldest.png}
 * (after the policy switch); the docs' pictures are these files.
 */
@LiveDemoServerTest
@Timeout(120)
class LiveDemoBrowserTest {
    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final Duration BOUND = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    private Path profile;
    private WebDriver browser;

    @BeforeEach
    void startBrowser() throws IOException {
        for (File needed : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!needed.canExecute()) {
                String reason = needed + " is missing: install it with `apt-get install -y chromium chromium-driver`";
                System.out.println("SKIPPED LiveDemoBrowserTest: " + reason);
                Assumptions.abort(reason);
            }
        }
        profile = Files.createTempDirectory("sluice-chromium-");
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM)
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage", "--window-size=1100,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void page_shows_blocking_then_drops_after_a_policy_switch_then_stops_the_producers_on_disconnect()
            throws IOException {
        browser.get("http://localhost:" + port + "/");
        WebDriverWait wait = new WebDriverWait(browser, BOUND, Duration.ofMillis(100));

        // Events arrive: the counter and the message table fill.
        wait.until(page -> number(page.findElement(By.id("received"))) >= 3);
        assertThat(browser.findElements(By.cssSelector("#messages tr"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#slots .slot"))).hasSize(CAPACITY);
        assertThat(browser.findElements(By.cssSelector("#producers li"))).hasSize(PRODUCERS);
        long stream = Long.parseLong(browser.findElement(By.id("stream")).getText().replace("#", ""));
        assertThat(ProducerThreads.of(stream)).hasSize(PRODUCERS);

        // A very slow consumer: the channel fills and every producer shows as blocked.
        browser.findElement(By.cssSelector("button[data-delay='1000']")).click();
        wait.until(page -> number(page.findElement(By.id("depth"))) == CAPACITY
                && page.findElements(By.cssSelector("#producers .state.blocked")).size() == PRODUCERS);
        assertThat(browser.findElement(By.id("delay-label")).getText()).isEqualTo("1000 ms");
        screenshot(Path.of("target", "live-demo.png"));

        assertThat(browser.findElement(By.id("dropped-info")).isDisplayed()).as("no drop counter under block").isFalse();
        assertThat(browser.findElement(By.id("footnote")).getText()).contains("every blocked producer holds a message");

        // A fast consumer: the producers run again.
        browser.findElement(By.cssSelector("button[data-delay='0']")).click();
        wait.until(page -> page.findElements(By.cssSelector("#producers .state.running")).size() == PRODUCERS);

        // Switch to drop oldest with a very slow consumer: a new stream, whose table holds only its
        // own rows, whose producers never block, and whose drop counter grows.
        browser.findElement(By.cssSelector("button[data-delay='1000']")).click();
        new Select(browser.findElement(By.id("policy"))).selectByValue("drop_oldest");
        wait.until(page -> !page.findElement(By.id("stream")).getText().equals("#" + stream));
        String dropStream = browser.findElement(By.id("stream")).getText().replace("#", "");
        assertThat(rowStreams()).as("rows after the switch").allMatch(dropStream::equals);
        wait.until(page -> number(page.findElement(By.id("received"))) >= 3
                && number(page.findElement(By.id("dropped"))) > 0
                && number(page.findElement(By.id("depth"))) == CAPACITY);
        assertThat(rowStreams()).as("rows after the switch").isNotEmpty().allMatch(dropStream::equals);
        assertThat(browser.findElement(By.id("dropped-info")).isDisplayed()).as("drop counter shown").isTrue();
        assertThat(browser.findElements(By.cssSelector("#producers .state.blocked"))).as("blocked producers").isEmpty();
        assertThat(browser.findElement(By.id("footnote")).getText())
                .contains("producers never wait").doesNotContain("blocked producer holds");
        screenshot(Path.of("target", "live-demo-drop-oldest.png"));
        ProducerThreads.awaitNone(stream, BOUND);     // the first stream's producers ended with it

        // Disconnect: the server cancels the stream, its producer threads end, the slots empty.
        browser.findElement(By.id("connect")).click();
        ProducerThreads.awaitNone(Long.parseLong(dropStream), BOUND);
        await().atMost(BOUND).until(() -> browser.findElement(By.id("connection")).getText().startsWith("disconnected"));
        assertThat(browser.findElements(By.cssSelector("#slots .slot"))).hasSize(CAPACITY);
        assertThat(browser.findElements(By.cssSelector("#slots .slot.full"))).as("full slots after Disconnect").isEmpty();
        assertThat(browser.findElement(By.id("slots")).getAttribute("class")).doesNotContain("at-capacity");
        assertThat(browser.findElement(By.id("depth")).getText()).isEqualTo("0");
        assertThat(browser.findElements(By.cssSelector("#producers .state.stopped"))).hasSize(PRODUCERS);
    }

    private List<String> rowStreams() {
        return browser.findElements(By.cssSelector("#messages tr")).stream()
                .map(row -> row.getAttribute("data-stream")).toList();
    }

    private static long number(WebElement element) {
        String text = element.getText().trim();
        return text.isEmpty() ? -1 : Long.parseLong(text);
    }

    private void screenshot(Path target) throws IOException {
        File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }
}
