package vn.thanhhoa.cds.events.common;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A reference to an official document (số văn bản), e.g. "255/BC-UBND" of 16/12/2022.
 *
 * @param number the document number as written on it
 * @param date   the date the document was signed; may be null when the source does not state it
 * @param title  what the document is, free text; may be empty
 */
public record DocumentRef(String number, LocalDate date, String title) {
    public DocumentRef {
        Objects.requireNonNull(number, "number");
        title = title == null ? "" : title;
    }

    public static DocumentRef of(String number, LocalDate date) {
        return new DocumentRef(number, date, "");
    }
}
