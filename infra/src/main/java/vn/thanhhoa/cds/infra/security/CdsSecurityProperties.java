package vn.thanhhoa.cds.infra.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code cds.security.*}: the names of the claims that carry a person's roles and unit in the province's tokens, the
 * demo accounts (demo profile only), and how failed sign-ins are throttled.
 */
@ConfigurationProperties(prefix = "cds.security")
public class CdsSecurityProperties {
    private String rolesClaim = "roles";
    private String unitClaim = "unit";
    private List<DemoAccount> demoAccounts = new ArrayList<>();
    private int maxFailedLogins = 5;
    private int lockoutMinutes = 15;

    public record DemoAccount(String username, String passwordHash, List<String> roles, String unit) {
    }

    public String getRolesClaim() {
        return rolesClaim;
    }

    public void setRolesClaim(String rolesClaim) {
        this.rolesClaim = rolesClaim;
    }

    public String getUnitClaim() {
        return unitClaim;
    }

    public void setUnitClaim(String unitClaim) {
        this.unitClaim = unitClaim;
    }

    public List<DemoAccount> getDemoAccounts() {
        return demoAccounts;
    }

    public void setDemoAccounts(List<DemoAccount> demoAccounts) {
        this.demoAccounts = demoAccounts;
    }

    public int getMaxFailedLogins() {
        return maxFailedLogins;
    }

    public void setMaxFailedLogins(int maxFailedLogins) {
        this.maxFailedLogins = maxFailedLogins;
    }

    public int getLockoutMinutes() {
        return lockoutMinutes;
    }

    public void setLockoutMinutes(int lockoutMinutes) {
        this.lockoutMinutes = lockoutMinutes;
    }
}
