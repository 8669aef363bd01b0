package vn.thanhhoa.cds.infra.problem;

import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Configuration;

/**
 * A URL with an encoded slash ({@code ..%2F..%2Fx}) is refused like every other request: with problem+json. Tomcat
 * refuses it itself, with its own HTML page, before the platform sees it; passed through (still encoded, never
 * decoded into a path), Spring Security's firewall refuses it and the refusal is the platform's.
 */
@Configuration(proxyBeanMethods = false)
public class EncodedSlashes implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {
    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> connector.setEncodedSolidusHandling("passthrough"));
    }
}
