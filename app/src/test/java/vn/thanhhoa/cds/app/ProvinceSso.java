package vn.thanhhoa.cds.app;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

import java.net.ServerSocket;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * The province's SSO for the tests: Spring Authorization Server, an OpenID Connect provider, started in-process on a
 * loopback port with a few people carrying roles and units as the province's Keycloak would (claims {@code roles} and
 * {@code unit} in the ID token and the access token). It knows one client, the platform, which must use PKCE.
 * Served on 127.0.0.1 while the platform is on localhost: two sites, so their session cookies stay apart in the browser.
 */
final class ProvinceSso implements AutoCloseable {
    static final String CLIENT_ID = "cds-platform";
    static final String CLIENT_SECRET = "bi-mat-cua-nen-tang";
    static final String PASSWORD = "mat-khau-sso";

    /** A person of the SSO: username, roles, unit (null: the SSO gives no unit or role the platform knows). */
    record Person(String username, List<String> roles, String unit) {
    }

    static final Person STEERING = new Person("bcd.nguyen", List.of("STEERING"), "38");
    static final Person HA_TRUNG = new Person("huyen.hatrung.le", List.of("DISTRICT"), "392");
    static final Person COMMUNE = new Person("xa.15274.tran", List.of("COMMUNE"), "15274");
    static final Person WITHOUT_ROLE = new Person("khach", List.of(), null);
    private static final List<Person> PEOPLE = List.of(STEERING, HA_TRUNG, COMMUNE, WITHOUT_ROLE);

    private final RSAKey key;
    private final ConfigurableApplicationContext context;
    final String issuer;

    ProvinceSso(String platformBase) {
        key = rsaKey();
        int port = freePort();
        issuer = "http://127.0.0.1:" + port;
        context = new SpringApplicationBuilder(Provider.class)
                .web(WebApplicationType.SERVLET)
                .initializers(c -> c.getBeanFactory().registerSingleton("ssoKey", key))
                // as arguments: they outrank the platform's application.yml, which is on this classpath too
                .run("--server.port=" + port, "--server.address=127.0.0.1", "--sso.issuer=" + issuer,
                        "--sso.platform=" + platformBase, "--spring.main.banner-mode=off",
                        "--server.servlet.session.cookie.name=SSO_SESSION", "--spring.profiles.active=sso-provider");
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token as this provider signs its access tokens, with the given expiry: for the tokens that must be refused. */
    String accessToken(Person person, Instant expiry) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).subject(person.username())
                .audience(CLIENT_ID).issueTime(Date.from(expiry.minusSeconds(300))).expirationTime(Date.from(expiry))
                .claim("roles", person.roles()).claim("unit", person.unit()).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    @Override
    public void close() {
        context.close();
    }

    private static RSAKey rsaKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var pair = generator.generateKeyPair();
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(UUID.randomUUID().toString()).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Only what an OIDC provider needs: no component scan, none of the platform's auto-configuration. Not annotated
     * {@code @Configuration}, so that the platform's own component scan (this package) does not pick it up.
     */
    @EnableWebSecurity
    @ImportAutoConfiguration({ServletWebServerFactoryAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
            WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class,
            SecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class})
    static class Provider {
        @Bean
        @Order(1)
        SecurityFilterChain endpoints(HttpSecurity http) throws Exception {
            OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
            http.securityMatcher(server.getEndpointsMatcher())
                    .with(server, s -> s.oidc(Customizer.withDefaults()))
                    .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                    .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                            new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
            return http.build();
        }

        @Bean
        @Order(2)
        SecurityFilterChain loginPage(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(a -> a.anyRequest().authenticated()).formLogin(Customizer.withDefaults());
            return http.build();
        }

        @Bean
        UserDetailsService people() {
            return new InMemoryUserDetailsManager(PEOPLE.stream()
                    .map(p -> User.withUsername(p.username()).password("{noop}" + PASSWORD).roles("USER").build()).toList());
        }

        @Bean
        RegisteredClientRepository clients(Environment environment) {
            String platform = environment.getRequiredProperty("sso.platform");
            return new InMemoryRegisteredClientRepository(RegisteredClient.withId(UUID.randomUUID().toString())
                    .clientId(CLIENT_ID).clientSecret("{noop}" + CLIENT_SECRET)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                    .redirectUri(platform + "/login/oauth2/code/sso")
                    .postLogoutRedirectUri(platform + "/signed-out.html")
                    .scope(OidcScopes.OPENID).scope(OidcScopes.PROFILE)
                    // the platform must prove it started the request it redeems (PKCE): without, the code is refused
                    .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                    .build());
        }

        /** The roles and unit claims, as a Keycloak realm's protocol mappers would add them. */
        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> rolesAndUnit() {
            return context -> PEOPLE.stream().filter(p -> p.username().equals(context.getPrincipal().getName())).findFirst()
                    .ifPresent(p -> {
                        context.getClaims().claim("roles", p.roles());
                        if (p.unit() != null) {
                            context.getClaims().claim("unit", p.unit());
                        }
                    });
        }

        @Bean
        JWKSource<SecurityContext> keys(org.springframework.beans.factory.BeanFactory beans) {
            return new ImmutableJWKSet<>(new JWKSet(beans.getBean("ssoKey", RSAKey.class)));
        }

        @Bean
        JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys) {
            return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
        }

        @Bean
        AuthorizationServerSettings settings(Environment environment) {
            return AuthorizationServerSettings.builder().issuer(environment.getRequiredProperty("sso.issuer")).build();
        }
    }
}
