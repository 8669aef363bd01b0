package vn.thanhhoa.cds.command.authority;

import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.map.Succession;
import vn.thanhhoa.cds.events.map.UnitId;
import vn.thanhhoa.cds.events.common.ProvinceTime;
import vn.thanhhoa.cds.events.common.Rejection;

import java.time.LocalDate;
import java.util.Set;

/**
 * Who may act for which unit — the first of the domain's rules, checked on every command against the identity that
 * sent it (never the request body): a commune acts only for itself, a district appraises only its own communes, only
 * the province publishes frameworks, assigns targets and recognises, the province's department reviews appraisals
 * and proposes communes for recognition. The identity names its unit by code; the code
 * names the unit bearing it on the day the person acts, and that unit acts for itself and the predecessors it
 * stepped in for ({@link Succession}) — never for another unit that once bore the same code.
 */
public final class Authority {
    public static final String COMMUNE = "COMMUNE";
    public static final String DISTRICT = "DISTRICT";
    public static final String PROVINCE = "PROVINCE";
    public static final String DEPARTMENT = "DEPARTMENT";
    public static final String SYSTEM = "SYSTEM";

    private Authority() {
    }

    public static void requireCommuneItself(ActedBy actor, UnitId commune, Succession.UnitsOverTime map) {
        if (!(COMMUNE.equals(actor.role()) && mandate(actor, map).contains(commune))) {
            throw forbidden("NOT_THIS_COMMUNE", "Chỉ UBND xã " + commune.code() + " được thực hiện thao tác này cho xã mình.",
                    "Only commune " + commune.code() + " may do this for itself.");
        }
    }

    /** The district while districts exist; since 2025, the provincial body the province designated. */
    public static void requireAppraiser(ActedBy actor, UnitId appraiser, Succession.UnitsOverTime map) {
        boolean appraisingRole = DISTRICT.equals(actor.role()) || PROVINCE.equals(actor.role());
        if (!(appraisingRole && appraiser != null && mandate(actor, map).contains(appraiser))) {
            throw forbidden("NOT_THE_APPRAISER", "Chỉ đơn vị thẩm định " + appraiser + " được thẩm định xã này.",
                    "Only the appraising unit " + appraiser + " may appraise this commune.");
        }
    }

    public static void requireProvince(ActedBy actor) {
        if (!(PROVINCE.equals(actor.role()) || SYSTEM.equals(actor.role()))) {
            throw forbidden("PROVINCE_ONLY", "Chỉ cấp tỉnh được thực hiện thao tác này.",
                    "Only the province may do this.");
        }
    }

    /**
     * The province's department that reviews appraisals, inspects on site and proposes to the chairman (Sở Thông tin
     * và Truyền thông until 2025, Sở Khoa học và Công nghệ since): its own role, apart from the province's decisions.
     */
    public static void requireDepartment(ActedBy actor) {
        if (!(DEPARTMENT.equals(actor.role()) || SYSTEM.equals(actor.role()))) {
            throw forbidden("DEPARTMENT_ONLY", "Chỉ Sở được giao xem xét, đề nghị công nhận mới được thực hiện thao tác này.",
                    "Only the province's reviewing department may do this.");
        }
    }

    /** The units the actor's claim may act for on the day they act (the command's time, in Vietnam). */
    private static Set<UnitId> mandate(ActedBy actor, Succession.UnitsOverTime map) {
        return Succession.mandate(actor.unit(), LocalDate.ofInstant(actor.at(), ProvinceTime.ZONE), map);
    }

    private static Rejection forbidden(String code, String vi, String en) {
        return new Rejection(Rejection.Reason.NOT_PERMITTED, code, "actor", vi, en);
    }
}
