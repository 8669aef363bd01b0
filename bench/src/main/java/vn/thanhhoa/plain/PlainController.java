package vn.thanhhoa.plain;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;

/** The two commands the benchmark sends, at the platform's paths and with its bodies; a commune acts for itself only. */
@RestController
@RequestMapping("/api/communes/{code}/assessments")
class PlainController {
    private final CommandGateway commands;

    PlainController(CommandGateway commands) {
        this.commands = commands;
    }

    record Registration(@NotNull @Min(2000) @Max(2100) Integer year, @Size(max = 64) String frameworkId) {
    }

    record Document(@NotBlank @Size(max = 100) String number, LocalDate date, @Size(max = 500) String title) {
    }

    record Value(@NotNull @Pattern(regexp = "RATIO|BOOLEAN|IN_PROGRESS") String measure,
                 @DecimalMin("0") @DecimalMax("1000000000") BigDecimal numerator,
                 @DecimalMin("0") @DecimalMax("1000000000") BigDecimal denominator, Boolean value,
                 @Size(max = 20) List<@Valid Document> evidence) {
    }

    @PostMapping
    ResponseEntity<Void> register(@PathVariable String code, @Valid @RequestBody Registration body, @AuthenticationPrincipal Jwt token) {
        requireCommune(code, token);
        String id = code + "/" + body.year();
        commands.sendAndWait(new PlainAssessment.Register(id, code, body.year(), body.frameworkId()));
        return ResponseEntity.created(URI.create("/api/communes/" + code + "/assessments/" + body.year())).build();
    }

    @PutMapping("/{year}/indicators/{indicatorCode}")
    ResponseEntity<Void> report(@PathVariable String code, @PathVariable int year,
                                @PathVariable @Pattern(regexp = "[0-9]{1,2}\\.[0-9]{1,2}") String indicatorCode,
                                @Valid @RequestBody Value body, @AuthenticationPrincipal Jwt token) {
        requireCommune(code, token);
        List<String> documents = body.evidence() == null ? List.of() : body.evidence().stream().map(Document::number).toList();
        commands.sendAndWait(new PlainAssessment.Report(code + "/" + year, indicatorCode, body.measure(), body.numerator(),
                body.denominator(), body.value(), documents, token.getSubject()));
        return ResponseEntity.noContent().build();
    }

    /** Authorization by unit: a commune officer's token names the commune acted for. */
    private static void requireCommune(String code, Jwt token) {
        List<String> roles = token.getClaimAsStringList("roles");
        if (roles == null || !roles.contains("COMMUNE") || !code.equals(token.getClaimAsString("unit"))) {
            throw new NotThisCommune();
        }
    }

    static class NotThisCommune extends RuntimeException {
    }

    @ExceptionHandler(NotThisCommune.class)
    ProblemDetail forbidden() {
        return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "only the commune itself");
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail notFound() {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "not registered");
    }

    @ExceptionHandler(AggregateStreamCreationException.class)
    ProblemDetail registered() {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "already registered");
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail invalid(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
    }
}
