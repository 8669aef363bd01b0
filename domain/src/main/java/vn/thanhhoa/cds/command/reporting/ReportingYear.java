package vn.thanhhoa.cds.command.reporting;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import vn.thanhhoa.cds.command.authority.Authority;
import vn.thanhhoa.cds.command.criteria.FrameworkCatalog;
import vn.thanhhoa.cds.command.reporting.ReportingCommands.*;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.common.DocumentRef;
import vn.thanhhoa.cds.events.reporting.FrameworkAssignedToYear;
import vn.thanhhoa.cds.events.reporting.ReportingPeriodClosed;
import vn.thanhhoa.cds.events.reporting.ReportingPeriodExtended;
import vn.thanhhoa.cds.events.reporting.ReportingPeriodOpened;
import vn.thanhhoa.cds.events.common.ProvinceTime;
import vn.thanhhoa.cds.events.common.Rejection;

import java.time.LocalDate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A year's reporting, as the province decides it: the framework its communes are assessed under, and the period in
 * which they register, report and submit (with extensions for single communes). Only the province decides.
 */
@Aggregate
public class ReportingYear {
    @AggregateIdentifier
    private String yearId;
    private String frameworkId;
    private LocalDate opensOn;
    private LocalDate closesOn;
    private LocalDate closedOn;

    public static String streamId(int year) {
        return vn.thanhhoa.cds.events.reporting.ReportingYears.streamId(year);
    }

    /** Required by Axon to rebuild the year from its events. */
    protected ReportingYear() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(AssignFrameworkToYear command, FrameworkCatalog frameworks) {
        Authority.requireProvince(command.actedBy());
        requireDecision(command.decision());
        var framework = frameworks.find(command.frameworkId()).orElseThrow(() -> new Rejection(Rejection.Reason.NOT_FOUND,
                "UNKNOWN_FRAMEWORK", "frameworkId", "Không có bộ tiêu chí " + command.frameworkId() + ".",
                "No framework " + command.frameworkId() + "."));
        if (framework.year() > command.year()) {
            throw new Rejection(Rejection.Reason.INVALID, "FRAMEWORK_NOT_YET_IN_FORCE", "frameworkId",
                    "Bộ tiêu chí " + framework.id() + " áp dụng từ năm " + framework.year() + ", không dùng cho năm " + command.year() + ".",
                    "Framework " + framework.id() + " applies from " + framework.year() + ", not to " + command.year() + ".");
        }
        if (command.frameworkId().equals(frameworkId)) {
            return; // nothing changes
        }
        if (frameworkId != null && opensOn != null) {
            throw new Rejection(Rejection.Reason.CONFLICT, "FRAMEWORK_FIXED", "frameworkId",
                    "Kỳ báo cáo năm " + command.year() + " đã mở theo bộ tiêu chí " + frameworkId + "; không đổi bộ tiêu chí khi các xã đã báo cáo.",
                    "Reporting for " + command.year() + " was opened under " + frameworkId + "; the framework cannot change now.");
        }
        apply(new FrameworkAssignedToYear(command.year(), command.frameworkId(), command.decision(), command.actedBy()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(OpenReportingPeriod command) {
        Authority.requireProvince(command.actedBy());
        requireDecision(command.decision());
        if (frameworkId == null) {
            throw new Rejection(Rejection.Reason.CONFLICT, "NO_FRAMEWORK_FOR_YEAR", "frameworkId",
                    "Cần giao bộ tiêu chí cho năm " + command.year() + " trước khi mở kỳ báo cáo.",
                    "Assign a framework to " + command.year() + " before opening its reporting period.");
        }
        if (command.opensOn() == null || command.closesOn() == null || command.closesOn().isBefore(command.opensOn())) {
            throw new Rejection(Rejection.Reason.INVALID, "INVALID_PERIOD", "closesOn",
                    "Ngày đóng kỳ báo cáo phải từ ngày mở trở đi.", "The period must close on or after the day it opens.");
        }
        apply(new ReportingPeriodOpened(command.year(), command.opensOn(), command.closesOn(), command.decision(),
                command.actedBy()));
    }

    @CommandHandler
    public void handle(CloseReportingPeriod command) {
        Authority.requireProvince(command.actedBy());
        requireDecision(command.decision());
        LocalDate today = today(command.actedBy());
        if (opensOn == null || closedOn != null || today.isAfter(closesOn)) {
            throw new Rejection(Rejection.Reason.CONFLICT, "PERIOD_NOT_OPEN", "year",
                    "Kỳ báo cáo năm " + command.year() + " không còn mở.", "Reporting for " + command.year() + " is not open.");
        }
        apply(new ReportingPeriodClosed(command.year(), today, command.decision(), command.actedBy()));
    }

    @CommandHandler
    public void handle(ExtendReportingPeriod command) {
        Authority.requireProvince(command.actedBy());
        requireDecision(command.decision());
        if (opensOn == null) {
            throw new Rejection(Rejection.Reason.CONFLICT, "PERIOD_NOT_OPENED", "year",
                    "Kỳ báo cáo năm " + command.year() + " chưa mở.", "Reporting for " + command.year() + " was never opened.");
        }
        if (command.reason() == null || command.reason().isBlank()) {
            throw new Rejection(Rejection.Reason.INVALID, "MISSING_REASON", "reason",
                    "Cần nêu lý do gia hạn.", "A reason is required.");
        }
        if (command.until() == null || command.until().isBefore(today(command.actedBy()))) {
            throw new Rejection(Rejection.Reason.INVALID, "INVALID_EXTENSION", "until",
                    "Ngày gia hạn phải từ hôm nay trở đi.", "An extension must run to today or later.");
        }
        apply(new ReportingPeriodExtended(command.year(), command.commune(), command.until(), command.reason(),
                command.decision(), command.actedBy()));
    }

    private static LocalDate today(ActedBy actor) {
        return LocalDate.ofInstant(actor.at(), ProvinceTime.ZONE);
    }

    private static void requireDecision(DocumentRef decision) {
        if (decision == null || decision.number().isBlank()) {
            throw new Rejection(Rejection.Reason.INVALID, "MISSING_DOCUMENT", "decisionNumber",
                    "Cần số quyết định.", "A decision number is required.");
        }
    }

    @EventSourcingHandler
    void on(FrameworkAssignedToYear event) {
        yearId = streamId(event.year());
        frameworkId = event.frameworkId();
    }

    @EventSourcingHandler
    void on(ReportingPeriodOpened event) {
        yearId = streamId(event.year());
        opensOn = event.opensOn();
        closesOn = event.closesOn();
        closedOn = null;
    }

    @EventSourcingHandler
    void on(ReportingPeriodClosed event) {
        closedOn = event.closedOn();
    }
}
