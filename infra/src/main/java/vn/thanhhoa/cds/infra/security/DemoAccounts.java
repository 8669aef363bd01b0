package vn.thanhhoa.cds.infra.security;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import vn.thanhhoa.cds.infra.actor.Actor;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The documented demo accounts of the standalone run (BCrypt-hashed passwords), as Spring Security users. */
public class DemoAccounts implements UserDetailsService {
    private final Map<String, DemoUser> users;

    public DemoAccounts(Collection<CdsSecurityProperties.DemoAccount> accounts) {
        this.users = accounts.stream().map(DemoUser::new).collect(Collectors.toMap(DemoUser::getUsername, Function.identity()));
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        DemoUser user = users.get(username);
        if (user == null) {
            throw new UsernameNotFoundException("unknown user");
        }
        return user.copy();
    }

    public static final class DemoUser implements UserDetails {
        private final CdsSecurityProperties.DemoAccount account;
        private String password;

        DemoUser(CdsSecurityProperties.DemoAccount account) {
            this.account = account;
            this.password = account.passwordHash();
        }

        DemoUser copy() {
            return new DemoUser(account);
        }

        public Actor actor() {
            EnumSet<Actor.Role> roles = EnumSet.noneOf(Actor.Role.class);
            account.roles().forEach(r -> roles.add(Actor.Role.valueOf(r)));
            return new Actor("demo:" + account.username(), roles, account.unit());
        }

        @Override
        public Collection<? extends GrantedAuthority> getAuthorities() {
            return account.roles().stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList();
        }

        @Override
        public String getPassword() {
            return password;
        }

        @Override
        public String getUsername() {
            return account.username();
        }
    }
}
