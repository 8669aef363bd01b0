package vn.thanhhoa.cds.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The platform in one process (standalone): command side, query side and the shared infrastructure. Scans the whole
 * {@code vn.thanhhoa.cds} package so both sides' aggregates, projections and controllers are found.
 */
@SpringBootApplication(scanBasePackages = "vn.thanhhoa.cds")
public class CdsApplication {
    public static void main(String[] args) {
        System.setProperty("axoniq.update-checker.disabled", "true"); // no usage report to the internet at start
        SpringApplication.run(CdsApplication.class, args);
    }
}
