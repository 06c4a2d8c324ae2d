package dev.sluice.samples.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;

/**
 * The live demo on a real Netty server on a free port, shared by every test class that carries
 * this annotation (same configuration, so Spring's test context cache starts it once). Producers
 * read every 20 ms on average, so that a channel of 4 fills within a second; a consumer may pause
 * up to an hour per message (to hold the stream still while a test looks at it).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = LiveDemoApp.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "server.address=localhost",
        "server.shutdown=immediate",
        "spring.main.banner-mode=off",
        "logging.level.root=warn",
        // Selenium looks for DevTools (CDP) bindings matching the installed Chromium and warns when
        // it has none; the browser test uses WebDriver only, never CDP.
        "logging.level.org.openqa.selenium.devtools=error",
        "sluice.demo.producers=" + LiveDemoServerTest.PRODUCERS,
        "sluice.demo.capacity=" + LiveDemoServerTest.CAPACITY,
        "sluice.demo.read-interval-ms=20",
        "sluice.demo.delay-ms=250",
        "sluice.demo.max-delay-ms=3600000",
        "management.endpoints.web.exposure.include=health,metrics"})
@AutoConfigureWebTestClient
@interface LiveDemoServerTest {
    int PRODUCERS = 3;
    int CAPACITY = 4;
}
