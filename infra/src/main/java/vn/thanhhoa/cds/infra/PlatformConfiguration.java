package vn.thanhhoa.cds.infra;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.ZoneId;

/** The shared technical wiring; both sides import it by scanning this package. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
public class PlatformConfiguration {
    /** The province's time zone: documents are dated in it. */
    public static final ZoneId ZONE = vn.thanhhoa.cds.events.common.ProvinceTime.ZONE;

    @Bean
    @ConditionalOnMissingBean
    public Clock clock() {
        return Clock.system(ZONE);
    }
}
