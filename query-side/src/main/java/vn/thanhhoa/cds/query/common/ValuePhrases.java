package vn.thanhhoa.cds.query.common;

/**
 * An indicator's value as the read models keep it (a fact: "5/31", "yes", "no", "in-progress"; Stored.valueFact) in
 * the reader's words. Text kept before facts were ("Có", "Không") is shown as it is.
 */
public final class ValuePhrases {
    private ValuePhrases() {
    }

    public static String vi(String fact) {
        return fact == null ? null : switch (fact) {
            case "yes" -> "Có";
            case "no" -> "Không";
            case "in-progress" -> "Đang triển khai";
            case "out-of-domain" -> "ngoài miền giá trị";
            default -> fact;
        };
    }

    public static String en(String fact) {
        return fact == null ? null : switch (fact) {
            case "yes" -> "Yes";
            case "no" -> "No";
            case "in-progress" -> "In progress";
            case "out-of-domain" -> "out of domain";
            case "Có" -> "Yes";
            case "Không" -> "No";
            case "Đang triển khai" -> "In progress";
            default -> fact;
        };
    }
}
