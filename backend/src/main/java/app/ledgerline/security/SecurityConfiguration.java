package app.ledgerline.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.HttpStatusServerEntryPoint;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;

/**
 * Every GraphQL operation needs a bearer token; which operations a role may call is decided per operation with
 * {@code @PreAuthorize} (see {@link Access}). Health is open for load balancers; other actuator endpoints and
 * GraphiQL are for admins.
 */
@Configuration(proxyBeanMethods = false)
@EnableReactiveMethodSecurity
class SecurityConfiguration {

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, BearerTokenAuthentication bearer) {
        var unauthorized = new HttpStatusServerEntryPoint(HttpStatus.UNAUTHORIZED);
        var bearerFilter = new AuthenticationWebFilter(bearer);
        bearerFilter.setServerAuthenticationConverter(bearer);
        bearerFilter.setAuthenticationFailureHandler(new ServerAuthenticationEntryPointFailureHandler(unauthorized));
        // Bearer tokens are sent with every request: no session to keep.
        bearerFilter.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());

        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .addFilterAt(bearerFilter, SecurityWebFiltersOrder.AUTHENTICATION)
                .exceptionHandling(handling -> handling.authenticationEntryPoint(unauthorized))
                .authorizeExchange(exchange -> exchange
                        .pathMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        // Signed links: the signature in the URL is checked by the page itself.
                        .pathMatchers(org.springframework.http.HttpMethod.GET, "/invoices/*").permitAll()
                        .pathMatchers(org.springframework.http.HttpMethod.POST, "/webhooks/btcpay").permitAll()
                        .pathMatchers("/actuator/**", "/graphiql", "/graphiql/**").hasRole(Role.ADMIN.name())
                        .pathMatchers("/graphql").authenticated()
                        .anyExchange().denyAll())
                .build();
    }
}
