package vn.thanhhoa.cds.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Says at start where the demo can be reached: its accounts' passwords are in the README, so it listens on the
 * loopback interface unless the operator named another address (--server.address), and then it says so loudly.
 */
@Component
@Profile("demo")
class DemoExposure {
    private static final Logger log = LoggerFactory.getLogger(DemoExposure.class);
    private final Environment environment;

    DemoExposure(Environment environment) {
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void tell() throws UnknownHostException {
        String address = environment.getProperty("server.address", "0.0.0.0");
        if (InetAddress.getByName(address).isLoopbackAddress()) {
            log.info("Bản demo chỉ nhận kết nối từ máy này ({}): mật khẩu các tài khoản demo đã công bố. "
                    + "/ The demo listens on {} only: its accounts' passwords are published (--server.address=0.0.0.0 to serve a room).",
                    address, address);
        } else {
            log.warn("Bản demo nhận kết nối trên {}: ai vào được mạng này cũng đăng nhập được bằng tài khoản demo. "
                    + "/ The demo listens on {}: anyone on this network can sign in with the published demo accounts.",
                    address, address);
        }
    }
}
