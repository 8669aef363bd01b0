package vn.thanhhoa.cds.infra.integrity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.DriverManager;

/**
 * The auditor's own check, needing only the database and the province's public key:
 * <pre>
 *   java -cp app/target/cds-platform.jar -Dloader.main=vn.thanhhoa.cds.infra.integrity.VerifyCommand \
 *        org.springframework.boot.loader.launch.PropertiesLauncher \
 *        jdbc:postgresql://127.0.0.1:5432/cds postgres "" integrity-ed25519.pem.pub
 * </pre>
 * Prints every finding and exits with 1 when there is one, 0 when the store is intact.
 */
public final class VerifyCommand {
    private VerifyCommand() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: VerifyCommand <jdbc-url> <user> <password> [public-key.pem]");
            System.exit(2);
        }
        PublicKey key = args.length > 3 ? IntegrityKeys.readPublic(Files.readString(Path.of(args[3]))) : null;
        try (Connection connection = DriverManager.getConnection(args[0], args[1], args[2])) {
            StoreVerification.Report report = StoreVerification.verify(connection, key);
            System.out.printf("%d sự kiện / events, %d luồng / streams, %d điểm niêm phong / checkpoints%s%n",
                    report.events(), report.streams(), report.checkpoints(), key == null ? " (chữ ký không kiểm / signatures not checked)" : "");
            report.findings().forEach(f -> System.out.printf("%s %s %s#%d %s%n", f.kind(),
                    f.eventIdentifier() == null ? "-" : f.eventIdentifier(), f.aggregateIdentifier() == null ? "-" : f.aggregateIdentifier(),
                    f.sequenceNumber(), f.detail()));
            System.out.println(report.intact() ? "NGUYÊN VẸN / INTACT" : "KHÔNG NGUYÊN VẸN / NOT INTACT");
            System.exit(report.intact() ? 0 : 1);
        }
    }
}
