package app.ledgerline.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * In-memory token buckets, one per client address and one per principal (see
 * {@link SecurityProperties.RateLimits}). Lock-free per call except for a tiny synchronized refill on the bucket;
 * buckets idle for ten minutes are dropped. Per instance: behind several instances each enforces its own limits.
 */
@Component
public class RateLimiter {

    /** Allowed, or refused with the whole seconds until one request would be allowed again. */
    public record Decision(boolean allowed, long retryAfterSeconds) {
        static final Decision ALLOWED = new Decision(true, 0);
    }

    static final class Bucket {
        private final double capacity;
        private final double perSecond;
        private double tokens;
        private long updatedNanos;

        Bucket(double capacity, double perSecond, long now) {
            this.capacity = capacity;
            this.perSecond = perSecond;
            this.tokens = capacity;
            this.updatedNanos = now;
        }

        synchronized Decision take(long now, boolean consume) {
            tokens = Math.min(capacity, tokens + (now - updatedNanos) / 1e9 * perSecond);
            updatedNanos = now;
            if (tokens >= 1) {
                if (consume) {
                    tokens -= 1;
                }
                return Decision.ALLOWED;
            }
            long retry = (long) Math.ceil((1 - tokens) / perSecond);
            return new Decision(false, Math.max(1, retry));
        }

        synchronized boolean idleSince(long cutoff) {
            return updatedNanos < cutoff;
        }
    }

    private final SecurityProperties.RateLimits limits;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(SecurityProperties properties) {
        this.limits = properties.rateLimit();
    }

    /** Takes one request from the address's bucket. */
    public Decision forIp(String ip) {
        return take("ip:" + ip, limits.ipCapacity(), limits.ipPerSecond(), true);
    }

    /** Whether the address has any request left, without taking one (for requests that carry a credential). */
    public Decision peekIp(String ip) {
        return take("ip:" + ip, limits.ipCapacity(), limits.ipPerSecond(), false);
    }

    public Decision forPrincipal(Authentication caller) {
        boolean bot = Callers.hasAny(caller, Role.BOT);
        return take("principal:" + caller.getName(), bot ? limits.botCapacity() : limits.principalCapacity(),
                bot ? limits.botPerSecond() : limits.principalPerSecond(), true);
    }

    private Decision take(String key, int capacity, double perSecond, boolean consume) {
        if (!limits.enabled()) {
            return Decision.ALLOWED;
        }
        long now = System.nanoTime();
        return buckets.computeIfAbsent(key, k -> new Bucket(capacity, perSecond, now)).take(now, consume);
    }

    @Scheduled(fixedDelay = 60_000)
    void dropIdleBuckets() {
        long cutoff = System.nanoTime() - 600_000_000_000L;
        buckets.values().removeIf(bucket -> bucket.idleSince(cutoff));
    }
}
