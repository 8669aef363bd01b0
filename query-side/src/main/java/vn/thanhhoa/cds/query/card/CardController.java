package vn.thanhhoa.cds.query.card;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.*;
import vn.thanhhoa.cds.infra.actor.Actor;
import vn.thanhhoa.cds.infra.validation.Bounded;
import vn.thanhhoa.cds.query.reference.Mandates;
import vn.thanhhoa.cds.query.common.ReadScope;
import vn.thanhhoa.cds.query.timetravel.KnownAt;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import static vn.thanhhoa.cds.events.common.Bound.YEAR;

/** The commune card's endpoint: live, or as the platform showed it at an instant. */
@RestController
@RequestMapping("/api")
@Tag(name = "Bảng điều khiển (truy vấn) — dashboards and cards")
public class CardController {
    private final CommuneCards cards;
    private final Mandates mandates;
    private final KnownAt knownAt;
    private final Clock clock;

    public CardController(CommuneCards cards, Mandates mandates, KnownAt knownAt, Clock clock) {
        this.cards = cards;
        this.mandates = mandates;
        this.knownAt = knownAt;
        this.clock = clock;
    }

    @GetMapping("/communes/{code}/assessments/{year}")
    @Operation(summary = "Thẻ xã — a commune's assessment for a year: stage, scores, pillars, indicators, evidence")
    public CardViews.CommuneCard communeCard(@PathVariable String code, @PathVariable @Bounded(YEAR) int year,
                                         @RequestParam(required = false) LocalDate asOf,
                                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime knownAt,
                                         Actor actor) {
        if (knownAt != null) {
            KnownAt.check(knownAt.toInstant(), clock);
        }
        CardViews.CommuneCard card = cards.communeCard(code, year, asOf);
        ReadScope.card(actor, mandates.of(actor), card.commune(), card.district());
        // as the platform showed it then: the same projections and queries over the events recorded up to that instant
        return knownAt == null ? card : knownAt(card, code, year, asOf, knownAt.toInstant());
    }

    private CardViews.CommuneCard knownAt(CardViews.CommuneCard now, String code, int year, LocalDate asOf, java.time.Instant at) {
        return this.knownAt.assessment(now.assessmentId(), at, then -> cards.knownAt(then, code, year, asOf));
    }
}
