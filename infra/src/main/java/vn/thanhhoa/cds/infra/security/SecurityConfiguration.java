package vn.thanhhoa.cds.infra.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import vn.thanhhoa.cds.infra.actor.Actor;

import java.time.Clock;
import java.time.Duration;

/**
 * Who may call the platform. The API is stateless: a Bearer JWT from the province's OIDC issuer (claims configurable
 * by {@code cds.security.roles-claim} and {@code unit-claim}); in the demo profile also HTTP Basic with the demo
 * accounts. With no session cookie there is nothing to forge, so the API needs no CSRF token; the pages (outside
 * {@code /api}) keep a session and CSRF protection. What a person may do for which unit is decided by the domain
 * (command side) and the query scoping, from the identity resolved here.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CdsSecurityProperties.class)
public class SecurityConfiguration {
    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
    public static final String DEMO_PROFILE = "demo";
    /** Bearer tokens kept verified: a few per officer signed in at once, across the province's 166 communes and more. */
    private static final long VERIFIED_TOKENS = 20_000;

    /**
     * No observation around each security filter, authentication and authorization: they took ~8 % of a command's
     * HTTP thread in the profile (issue 30), and tell nothing the request's own observation (http.server.requests)
     * and the refusals' counter (AuthorizationAudit) do not.
     */
    @Bean
    org.springframework.security.config.observation.SecurityObservationSettings noSecurityObservations() {
        return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ObjectProvider<JwtDecoder> jwtDecoder, ActorResolver actors,
                            CdsSecurityProperties properties, Environment environment, SecurityProblems problems,
                            Clock clock) throws Exception {
        // the metrics too: they tell who is refused and how the platform is used, for an identity only (a scraper
        // sends a bearer token)
        http.securityMatcher("/api/**", "/actuator/prometheus")
                // never creates a session; reads the one a page signed in with, so the dashboards can call the API
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .securityContext(c -> c.securityContextRepository(new DelegatingSecurityContextRepository(
                        new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository())))
                // a cookie session is an ambient credential: its writes need the CSRF token; bearer and basic
                // credentials are sent on purpose and cannot be forged by another site
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens())
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .ignoringRequestMatchers(request -> request.getHeader("Authorization") != null
                                || request.getSession(false) == null))
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .exceptionHandling(e -> e.authenticationEntryPoint(problems::unauthenticated).accessDeniedHandler(problems::forbidden));
        headers(http, "");
        if (jwtDecoder.getIfAvailable() != null) {
            http.oauth2ResourceServer(o -> o
                    .authenticationEntryPoint(problems::unauthenticated)
                    .accessDeniedHandler(problems::forbidden)
                    // a token verified once is taken as verified until it expires (VerifiedTokens)
                    .jwt(jwt -> jwt.decoder(new VerifiedTokens(jwtDecoder.getObject(), clock, VERIFIED_TOKENS)).jwtAuthenticationConverter(token -> {
                        Actor actor;
                        try {
                            actor = actors.fromJwt(token);
                        } catch (RuntimeException e) {
                            throw new InvalidBearerTokenException(e.getMessage());
                        }
                        return new JwtAuthenticationToken(token, actor.roles().stream()
                                .map(r -> new SimpleGrantedAuthority("ROLE_" + r.name())).toList(), actor.subject());
                    })));
        } else {
            log.warn("No OIDC issuer configured (spring.security.oauth2.resourceserver.jwt.*): bearer tokens are not accepted");
        }
        if (environment.acceptsProfiles(Profiles.of(DEMO_PROFILE)) && !properties.getDemoAccounts().isEmpty()) {
            http.userDetailsService(new DemoAccounts(properties.getDemoAccounts()))
                    .httpBasic(b -> b.authenticationEntryPoint(problems::unauthenticated))
                    .addFilterBefore(new LoginThrottle(properties.getMaxFailedLogins(),
                            Duration.ofMinutes(properties.getLockoutMinutes()), clock, problems), BasicAuthenticationFilter.class);
        }
        return http.build();
    }

    /**
     * Everything outside the API: the OpenAPI document, health and the login page are public; the dashboards need a
     * signed-in session, protected by a CSRF token (cookie, so the static login page can send it back).
     */
    @Bean
    @Order(2)
    SecurityFilterChain site(HttpSecurity http, CdsSecurityProperties properties, Environment environment,
                             SecurityProblems problems, Clock clock, ObjectProvider<ClientRegistrationRepository> sso,
                             ActorResolver actors) throws Exception {
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/v3/api-docs/**", "/actuator/health/**", "/actuator/info",
                                "/error", "/login", "/login.html", "/signed-out.html", "/css/**", "/js/login.js", "/favicon.ico").permitAll()
                        .anyRequest().authenticated())
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens()).csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler()))
                .addFilterAfter(new CsrfCookieFilter(), org.springframework.security.web.csrf.CsrfFilter.class)
                .exceptionHandling(e -> e.accessDeniedHandler(problems::forbidden));
        boolean demo = environment.acceptsProfiles(Profiles.of(DEMO_PROFILE)) && !properties.getDemoAccounts().isEmpty();
        ClientRegistrationRepository clients = sso.getIfAvailable();
        // signing out is a form whose answer sends the browser on to the provider's end-session page
        headers(http, clients == null ? "" : " " + ProvinceSsoLogin.providerOrigin(clients));
        if (clients != null) {
            ProvinceSsoLogin.apply(http, clients, actors, problems, !demo);
        }
        if (demo) {
            http.userDetailsService(new DemoAccounts(properties.getDemoAccounts()))
                    .formLogin(f -> f.loginPage("/login.html").loginProcessingUrl("/login")
                            .defaultSuccessUrl("/", false).failureUrl("/login.html?error").permitAll())
                    .logout(l -> l.logoutSuccessUrl("/signed-out.html"))
                    .addFilterBefore(new LoginThrottle(properties.getMaxFailedLogins(),
                            Duration.ofMinutes(properties.getLockoutMinutes()), clock, problems),
                            org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter.class);
        } else if (clients == null) {
            log.warn("No sign-in for the pages: configure the province's SSO (spring.security.oauth2.client.registration.sso.*)");
            http.exceptionHandling(e -> e.authenticationEntryPoint(problems::unauthenticated));
        }
        return http.build();
    }

    private static CookieCsrfTokenRepository csrfTokens() {
        CookieCsrfTokenRepository tokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
        tokens.setCookieCustomizer(c -> c.sameSite("Strict"));
        return tokens;
    }

    /** Writes the deferred CSRF token's cookie on every page response, so a static page can read it. */
    static final class CsrfCookieFilter extends org.springframework.web.filter.OncePerRequestFilter {
        @Override
        protected void doFilterInternal(jakarta.servlet.http.HttpServletRequest request,
                                        jakarta.servlet.http.HttpServletResponse response,
                                        jakarta.servlet.FilterChain chain) throws jakarta.servlet.ServletException, java.io.IOException {
            Object token = request.getAttribute(org.springframework.security.web.csrf.CsrfToken.class.getName());
            if (token instanceof org.springframework.security.web.csrf.CsrfToken csrf) {
                csrf.getToken();
            }
            chain.doFilter(request, response);
        }
    }

    /** @param formActions origins besides the platform's own that a form's answer may lead to (CSP applies it to redirects) */
    private static void headers(HttpSecurity http, String formActions) throws Exception {
        http.headers(h -> h
                .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; frame-ancestors 'none'; object-src 'none'; form-action 'self'" + formActions))
                .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
    }

    /** The demo accounts' passwords are stored as BCrypt hashes. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    /** Demo accounts are for the standalone demo only: any other profile refuses to start while they are configured. */
    @Bean
    DemoAccountsGuard demoAccountsGuard(CdsSecurityProperties properties, Environment environment) {
        if (!properties.getDemoAccounts().isEmpty() && !environment.acceptsProfiles(Profiles.of(DEMO_PROFILE))) {
            throw new IllegalStateException("cds.security.demo-accounts are configured but the '" + DEMO_PROFILE
                    + "' profile is not active: remove the demo accounts before running for real");
        }
        return new DemoAccountsGuard();
    }

    static final class DemoAccountsGuard {
    }
}
