package vn.thanhhoa.cds.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;

/** What a step measured, one {@code key=value} a line in the run's results file, for the final table. */
final class Results {
    private Results() {
    }

    static void put(Map<String, String> options, String key, Object value) {
        String file = options.get("results");
        if (file == null) {
            return;
        }
        String text = value instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : String.valueOf(value);
        try {
            Files.writeString(Path.of(file), key + "=" + text + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
