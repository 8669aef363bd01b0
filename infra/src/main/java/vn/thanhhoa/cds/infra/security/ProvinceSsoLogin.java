package vn.thanhhoa.cds.infra.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.thanhhoa.cds.infra.actor.Actor;

import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * The pages sign in with the province's SSO: OpenID Connect, authorization code with PKCE, against the client
 * registration named {@value #REGISTRATION} ({@code spring.security.oauth2.client.registration.sso.*}, usually the
 * same issuer the API trusts). The ID token's and user info's claims are read by the same rules as a bearer token's
 * ({@link ActorResolver#fromClaims}): a person the SSO gives no known role or no unit is not signed in. Signing out
 * ends the provider's session too, where it offers an end-session endpoint.
 */
final class ProvinceSsoLogin {
    static final String REGISTRATION = "sso";
    static final String START = "/oauth2/authorization/" + REGISTRATION;
    /** Our own error code: a provider says "access_denied" when the person declines, which is not this */
    private static final String NOT_A_PERSON_OF_THE_PLATFORM = "cds_no_role_or_unit";

    private ProvinceSsoLogin() {
    }

    /** @param only true when no other sign-in is offered: the login page and every unauthenticated page lead to the SSO */
    static void apply(HttpSecurity http, ClientRegistrationRepository clients, ActorResolver actors,
                      SecurityProblems problems, boolean only) throws Exception {
        if (clients.findByRegistrationId(REGISTRATION) == null) {
            throw new IllegalStateException("an OIDC client is configured but none is named '" + REGISTRATION
                    + "': name it spring.security.oauth2.client.registration." + REGISTRATION);
        }
        DefaultOAuth2AuthorizationRequestResolver requests =
                new DefaultOAuth2AuthorizationRequestResolver(clients, "/oauth2/authorization");
        // PKCE for a confidential client too: a stolen authorization code is useless without the verifier
        requests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        OidcClientInitiatedLogoutSuccessHandler logout = new OidcClientInitiatedLogoutSuccessHandler(clients);
        // the provider sends the browser back to a page that does not sign in again at once
        logout.setPostLogoutRedirectUri("{baseUrl}/signed-out.html");
        http.oauth2Login(o -> o
                        .authorizationEndpoint(a -> a.authorizationRequestResolver(requests))
                        .userInfoEndpoint(u -> u.oidcUserService(people(actors)))
                        .failureHandler((request, response, failure) -> refused(problems, request, response, failure)))
                .logout(l -> l.logoutSuccessHandler(logout))
                // a new session id at sign-in: an id planted before it is worth nothing after
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()));
        if (only) {
            http.exceptionHandling(e -> e.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint(START)))
                    .addFilterBefore(new LoginPageLeadsToSso(), org.springframework.security.web.csrf.CsrfFilter.class);
        }
    }

    /** A sign-in the platform does not accept, said in problem+json: who the SSO knows but the platform does not, or a failed exchange. */
    private static void refused(SecurityProblems problems, HttpServletRequest request, HttpServletResponse response,
                                org.springframework.security.core.AuthenticationException failure) throws IOException {
        if (failure instanceof OAuth2AuthenticationException e && NOT_A_PERSON_OF_THE_PLATFORM.equals(e.getError().getErrorCode())) {
            problems.write(request, response, 403, "NO_ROLE_OR_UNIT",
                    "Tài khoản SSO của bạn chưa được cấp vai trò hoặc đơn vị trên nền tảng; hãy liên hệ quản trị SSO của tỉnh.",
                    "Your SSO account has no role or unit on the platform; ask the province's SSO administrators.");
        } else {
            problems.write(request, response, 401, "SSO_SIGN_IN_FAILED", "Đăng nhập qua SSO không thành công; hãy thử lại.",
                    "Signing in with the SSO failed; try again.");
        }
    }

    /** The provider's origin (scheme, host, port), where signing out leads. */
    static String providerOrigin(ClientRegistrationRepository clients) {
        ClientRegistration registration = clients.findByRegistrationId(REGISTRATION);
        if (registration == null) {
            return "";
        }
        URI authorize = URI.create(registration.getProviderDetails().getAuthorizationUri());
        return authorize.getScheme() + "://" + authorize.getRawAuthority();
    }

    /** The SSO's person as an actor of the platform, or no sign-in at all. */
    private static OAuth2UserService<OidcUserRequest, OidcUser> people(ActorResolver actors) {
        OidcUserService provider = new OidcUserService();
        return request -> {
            OidcUser user = provider.loadUser(request);
            Actor actor;
            try {
                actor = actors.fromClaims(user.getSubject(), user.getClaims());
            } catch (RuntimeException e) {
                throw new OAuth2AuthenticationException(new OAuth2Error(NOT_A_PERSON_OF_THE_PLATFORM, e.getMessage(), null), e.getMessage(), e);
            }
            List<GrantedAuthority> roles = actor.roles().stream()
                    .<GrantedAuthority>map(r -> new SimpleGrantedAuthority("ROLE_" + r.name())).toList();
            return new DefaultOidcUser(roles, user.getIdToken(), user.getUserInfo(), IdTokenClaimNames.SUB);
        };
    }

    /** The pages send a signed-out person to /login.html: with the SSO as the only sign-in, that is the SSO. */
    private static final class LoginPageLeadsToSso extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if ("/login.html".equals(request.getServletPath())) {
                response.sendRedirect(request.getContextPath() + START);
                return;
            }
            chain.doFilter(request, response);
        }
    }
}
