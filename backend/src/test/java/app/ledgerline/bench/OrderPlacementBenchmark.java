package app.ledgerline.bench;

import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.HttpResources;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Order-placement benchmark against an already running backend (see {@code backend/bench/run-order-benchmark.sh},
 * which starts one and runs this). A plain program, not a test: it never runs during {@code mvn test}.
 *
 * <p>Phases, each after a warm-up: (1) many products: closed loop, each client sends its next order when the last
 * was answered; (2) offered rate: open loop at a fixed rate, latency measured from each order's scheduled send time
 * so a stalled server cannot hide its queue (no coordinated omission); (3) one hot product: closed loop; (4) oversell
 * race: many shoppers at once for a few units, checked against the product's stock read back through the API.
 * Orders are placed as the bot places them: {@code placeOrder} with the bot's token, a new Discord user per order,
 * 1 line, Venmo, a shipping address, placed in a guild channel; the answer selects what a confirmation shows.
 *
 * <p>System properties (defaults): {@code bench.url} (http://localhost:8080/graphql, loopback only),
 * {@code bench.clients} (32), {@code bench.seconds} (20), {@code bench.warmupSeconds} (30, the least warm-up before
 * phase 1) and {@code bench.maxWarmupSeconds} (300, the most: it ends once the backend's JIT compiler settled),
 * {@code bench.phaseWarmupSeconds} (2, before phases 2 and 3), {@code bench.rate} (300 orders/s),
 * {@code bench.rateSeconds} and {@code bench.hotSeconds} (bench.seconds), {@code bench.products} (200),
 * {@code bench.stockPerProduct} (1,000,000), {@code bench.raceClients} (1000), {@code bench.raceStock} (10),
 * {@code bench.timeoutSeconds} (30, per request), {@code bench.maxOrders} (2,000,000 per closed-loop run),
 * {@code bench.adminToken} / {@code bench.botToken} (LEDGERLINE_ADMIN_TOKEN / LEDGERLINE_BOT_TOKEN, else bench-admin
 * / bench-bot), {@code bench.backendPid} and {@code bench.postgresPid} (optional: CPU split and backend memory),
 * {@code bench.bareManyPerSecond} and {@code bench.bareHotPerSecond} (optional: what bare PostgreSQL did with the
 * order's bare SQL just before, many products and one hot product; the summary compares against them).
 * Every loop is bounded by time and count and ends by itself.
 */
public final class OrderPlacementBenchmark {

    /** Latencies are recorded in microseconds up to this; longer ones are clamped (requests time out before). */
    private static final long MAX_LATENCY_MICROS = TimeUnit.MINUTES.toMicros(5);
    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux
    /** How far apart the backend's CPU time is sampled while waiting for it to go idle between phases. */
    private static final Duration SETTLE_SAMPLE = Duration.ofMillis(250);

    private static final String PLACE_ORDER = "mutation PlaceOrder($input: PlaceOrderInput!) { placeOrder(input: $input) {"
            + " order { number status total { formatted } expiresAt lines { name quantity lineTotal { formatted } } }"
            + " problems { code message field productId } } }";
    private static final String CREATE_PRODUCT = "mutation($input: ProductInput!) { createProduct(input: $input) {"
            + " product { id } problems { code message field } } }";
    private static final String ADJUST_STOCK = "mutation($input: AdjustStockInput!) { adjustStock(input: $input) {"
            + " product { stock { onHand reserved available } } problems { code message field } } }";
    private static final String PRODUCT_STOCK = "query($id: ID!) { product(id: $id) { id stock { onHand reserved available } } }";

    private static final Pattern EMPTY_PROBLEMS = Pattern.compile("\"problems\"\\s*:\\s*\\[\\s*]");
    private static final Pattern ORDER_NUMBER = Pattern.compile("\"number\"\\s*:\\s*\"LL-[0-9]+\"");
    private static final Pattern PROBLEM_CODE = Pattern.compile("\"code\"\\s*:\\s*\"([A-Z_]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9]+)\"");

    /** The run's parameters, all from system properties. */
    record Config(URI url, String adminToken, String botToken, int products, int clients, int warmupSeconds,
                  int maxWarmupSeconds, int seconds,
                  int rate, int rateSeconds, int hotSeconds, int phaseWarmupSeconds, int raceClients, int raceStock,
                  int stockPerProduct, int timeoutSeconds, long maxOrdersPerPhase, long backendPid, long postgresPid,
                  long bareManyPerSecond, long bareHotPerSecond) {

        static Config fromSystemProperties() {
            int seconds = intProp("bench.seconds", 20, 1, 3600);
            String adminDefault = env("LEDGERLINE_ADMIN_TOKEN", "bench-admin");
            String botDefault = env("LEDGERLINE_BOT_TOKEN", "bench-bot");
            return new Config(
                    URI.create(System.getProperty("bench.url", "http://localhost:8080/graphql")),
                    System.getProperty("bench.adminToken", adminDefault),
                    System.getProperty("bench.botToken", botDefault),
                    intProp("bench.products", 200, 1, 10_000),
                    intProp("bench.clients", 32, 1, 2_000),
                    intProp("bench.warmupSeconds", 30, 0, 600),
                    intProp("bench.maxWarmupSeconds", 300, 0, 1800),
                    seconds,
                    intProp("bench.rate", 300, 1, 20_000),
                    intProp("bench.rateSeconds", seconds, 1, 3600),
                    intProp("bench.hotSeconds", seconds, 1, 3600),
                    intProp("bench.phaseWarmupSeconds", 2, 0, 600),
                    intProp("bench.raceClients", 1000, 1, 5_000),
                    intProp("bench.raceStock", 10, 1, 1_000),
                    intProp("bench.stockPerProduct", 1_000_000, 1, 1_000_000),
                    intProp("bench.timeoutSeconds", 30, 1, 300),
                    longProp("bench.maxOrders", 2_000_000L, 1, 100_000_000L),
                    longProp("bench.backendPid", 0, 0, Long.MAX_VALUE),
                    longProp("bench.postgresPid", 0, 0, Long.MAX_VALUE),
                    longProp("bench.bareManyPerSecond", 0, 0, 1_000_000),
                    longProp("bench.bareHotPerSecond", 0, 0, 1_000_000));
        }

        private static String env(String name, String fallback) {
            String value = System.getenv(name);
            return value == null || value.isBlank() ? fallback : value;
        }

        private static int intProp(String name, int fallback, int min, int max) {
            return (int) longProp(name, fallback, min, max);
        }

        private static long longProp(String name, long fallback, long min, long max) {
            String text = System.getProperty(name);
            if (text == null || text.isBlank()) {
                return fallback;
            }
            long value = Long.parseLong(text.strip());
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + value);
            }
            return value;
        }
    }

    /** One HTTP answer: status (-1 when none came) and body (or the failure). */
    record Reply(int status, String body) {
    }

    /** What each phase measured. */
    static final class Stats {
        final Histogram latency = new ConcurrentHistogram(MAX_LATENCY_MICROS, 3);
        final LongAdder ok = new LongAdder();
        final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
        final Map<String, String> failureSamples = new ConcurrentHashMap<>();

        void record(Reply reply, long nanos) {
            latency.recordValue(Math.min(MAX_LATENCY_MICROS, Math.max(0, nanos / 1_000)));
            String outcome = outcome(reply);
            if (outcome == null) {
                ok.increment();
            } else {
                failures.computeIfAbsent(outcome, k -> new LongAdder()).increment();
                failureSamples.putIfAbsent(outcome, abbreviate(reply.body(), 300));
            }
        }

        long failed() {
            return failures.values().stream().mapToLong(LongAdder::sum).sum();
        }

        long failed(String outcome) {
            LongAdder count = failures.get(outcome);
            return count == null ? 0 : count.sum();
        }

        long answered() {
            return latency.getTotalCount();
        }

        double ms(double percentile) {
            return latency.getValueAtPercentile(percentile) / 1000.0;
        }

        /** Null for a placed order, else the problem code or the kind of error. */
        static String outcome(Reply reply) {
            if (reply.status() < 0) {
                return "NO_ANSWER";
            }
            if (reply.status() != 200) {
                return "HTTP_" + reply.status();
            }
            String body = reply.body();
            if (EMPTY_PROBLEMS.matcher(body).find() && ORDER_NUMBER.matcher(body).find()) {
                return null;
            }
            if (body.contains("\"errors\"")) {
                return "GRAPHQL_ERROR";
            }
            Matcher code = PROBLEM_CODE.matcher(body);
            return code.find() ? code.group(1) : "UNEXPECTED_ANSWER";
        }
    }

    /** CPU time used so far by the backend, its PostgreSQL, this load generator and the whole machine. */
    record CpuSample(long nanoTime, long backendTicks, long backendJitTicks, long backendGcTicks, long postgresTicks,
                     long selfTicks, long machineBusyTicks, long machineTicks) {

        static CpuSample take(Config config) {
            long[] machine = readMachineTicks();
            long[] jitAndGc = config.backendPid() > 0 ? jitAndGcTicks(config.backendPid()) : new long[] {-1, -1};
            return new CpuSample(System.nanoTime(),
                    config.backendPid() > 0 ? processTicks(config.backendPid(), false) : -1,
                    jitAndGc[0], jitAndGc[1],
                    config.postgresPid() > 0 ? postgresTicks(config.postgresPid()) : -1,
                    processTicks(ProcessHandle.current().pid(), false),
                    machine[0], machine[1]);
        }

        /** Cores used by each party since {@code before}, and the backend's and PostgreSQL's CPU time per answered request. */
        String since(CpuSample before, long requests) {
            double seconds = (nanoTime - before.nanoTime) / 1e9;
            if (seconds <= 0) {
                return "n/a";
            }
            StringBuilder text = new StringBuilder();
            double known = 0;
            if (backendTicks >= 0 && before.backendTicks >= 0) {
                double backend = cores(backendTicks - before.backendTicks, seconds);
                known += backend;
                text.append(String.format(Locale.ROOT, "backend %.2f%s", backend, perRequest(backend, seconds, requests)));
                if (backendJitTicks >= 0 && before.backendJitTicks >= 0) {
                    double jit = cores(backendJitTicks - before.backendJitTicks, seconds);
                    double gc = cores(backendGcTicks - before.backendGcTicks, seconds);
                    text.append(String.format(Locale.ROOT, " [JIT compiler threads %.2f, GC threads %.2f; the rest%s]",
                            jit, gc, perRequest(backend - jit - gc, seconds, requests)));
                }
                text.append(", ");
            }
            if (postgresTicks >= 0 && before.postgresTicks >= 0) {
                double postgres = cores(postgresTicks - before.postgresTicks, seconds);
                known += postgres;
                text.append(String.format(Locale.ROOT, "postgres %.2f%s, ", postgres, perRequest(postgres, seconds, requests)));
            }
            double self = cores(selfTicks - before.selfTicks, seconds);
            known += self;
            text.append(String.format(Locale.ROOT, "load generator %.2f", self));
            if (machineTicks > before.machineTicks) {
                double busyShare = (double) (machineBusyTicks - before.machineBusyTicks) / (machineTicks - before.machineTicks);
                int cpus = Runtime.getRuntime().availableProcessors();
                text.append(String.format(Locale.ROOT, ", other processes %.2f; machine %.0f%% busy of %d cores",
                        Math.max(0, busyShare * cpus - known), busyShare * 100, cpus));
            }
            return text.toString();
        }

        private static String perRequest(double cores, double seconds, long requests) {
            return requests <= 0 ? "" : String.format(Locale.ROOT, " (%.2f ms CPU per request)", cores * seconds * 1000 / requests);
        }

        private static double cores(long ticks, double seconds) {
            return ticks / (double) CLOCK_TICKS_PER_SECOND / seconds;
        }

        /** utime + stime (+ reaped children's, when asked), or -1 when the process is gone. */
        static long processTicks(long pid, boolean withChildren) {
            long[] fields = statFields(pid);
            if (fields == null) {
                return -1;
            }
            return fields[1] + fields[2] + (withChildren ? fields[3] + fields[4] : 0);
        }

        /** {JIT compiler, GC} CPU ticks of a JVM's live threads, told apart by HotSpot's thread names. */
        static long[] jitAndGcTicks(long pid) {
            long jit = 0;
            long gc = 0;
            try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    String name;
                    String stat;
                    try {
                        name = Files.readString(task.resolve("comm")).strip();
                        stat = Files.readString(task.resolve("stat"));
                    } catch (IOException e) {
                        continue; // the thread ended meanwhile
                    }
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    if (name.contains("CompilerThre")) {
                        jit += ticks;
                    } else if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
                        gc += ticks;
                    }
                }
            } catch (IOException | RuntimeException e) {
                return new long[] {-1, -1};
            }
            return new long[] {jit, gc};
        }

        /** The postmaster with every reaped backend (its children's totals) and every live child. */
        static long postgresTicks(long postmaster) {
            long total = processTicks(postmaster, true);
            if (total < 0) {
                return -1;
            }
            try (var dirs = Files.list(Path.of("/proc"))) {
                for (Path dir : (Iterable<Path>) dirs::iterator) {
                    String name = dir.getFileName().toString();
                    if (!name.chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    long[] fields = statFields(Long.parseLong(name));
                    if (fields != null && fields[0] == postmaster) {
                        total += fields[1] + fields[2];
                    }
                }
            } catch (IOException e) {
                return -1;
            }
            return total;
        }

        /** ppid, utime, stime, cutime, cstime from /proc/pid/stat; null when unreadable. */
        private static long[] statFields(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // after the command: state(3) ppid(4) ... utime(14) stime(15) cutime(16) cstime(17)
                return new long[] {Long.parseLong(f[1]), Long.parseLong(f[11]), Long.parseLong(f[12]),
                        Long.parseLong(f[13]), Long.parseLong(f[14])};
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        /** {busy, total} ticks of all CPUs from /proc/stat; zeros when unreadable. */
        private static long[] readMachineTicks() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
                long total = 0;
                for (int i = 1; i < f.length && i <= 8; i++) {
                    total += Long.parseLong(f[i]);
                }
                long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
                return new long[] {total - idle, total};
            } catch (IOException | RuntimeException e) {
                return new long[] {0, 0};
            }
        }
    }

    private final Config config;
    private final ConnectionProvider connections;
    private final HttpClient admin;
    private final HttpClient bot;
    private final String path;
    private final Duration timeout;
    private final String runId = Long.toString(System.currentTimeMillis(), 36).toUpperCase(Locale.ROOT);
    private final List<String> summary = new ArrayList<>();

    OrderPlacementBenchmark(Config config) {
        this.config = config;
        this.timeout = Duration.ofSeconds(config.timeoutSeconds());
        URI url = config.url();
        this.path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/graphql" : url.getRawPath();
        int port = url.getPort() == -1 ? 80 : url.getPort();
        String origin = url.getScheme() + "://" + url.getHost() + ":" + port;
        int maxConnections = Math.max(Math.max(config.clients(), config.raceClients()), 256) + 16;
        this.connections = ConnectionProvider.builder("ledgerline-bench")
                .maxConnections(maxConnections)
                .pendingAcquireMaxCount(-1)
                .pendingAcquireTimeout(timeout)
                .maxIdleTime(Duration.ofMinutes(5))
                .build();
        HttpClient base = HttpClient.create(connections).baseUrl(origin).responseTimeout(timeout).compress(false);
        this.admin = base.headers(h -> h.set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .set(HttpHeaderNames.ACCEPT, "application/json")
                .set(HttpHeaderNames.AUTHORIZATION, "Bearer " + config.adminToken()));
        this.bot = base.headers(h -> h.set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .set(HttpHeaderNames.ACCEPT, "application/json")
                .set(HttpHeaderNames.AUTHORIZATION, "Bearer " + config.botToken()));
    }

    public static void main(String[] args) throws Exception {
        quietLogging();
        Config config = Config.fromSystemProperties();
        requireLoopback(config.url());
        var bench = new OrderPlacementBenchmark(config);
        boolean ok;
        try {
            ok = bench.run();
        } finally {
            bench.connections.disposeLater().block(Duration.ofSeconds(10));
            HttpResources.disposeLoopsAndConnectionsLater(Duration.ZERO, Duration.ofSeconds(2)).block(Duration.ofSeconds(10));
        }
        if (!ok) {
            System.out.println("RESULT: the oversell check FAILED (see above)");
            System.exit(1);
        }
    }

    /**
     * Logback's default configuration logs everything at DEBUG; keep warnings, but not the client's own note on each
     * request it gives up on (those are counted as NO_ANSWER).
     */
    private static void quietLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
            logback.getLogger("reactor.netty").setLevel(Level.ERROR);
        }
    }

    private static void requireLoopback(URI url) throws UnknownHostException {
        if (!"http".equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("bench.url must be an http:// URL, got " + url);
        }
        for (InetAddress address : InetAddress.getAllByName(url.getHost())) {
            if (!address.isLoopbackAddress()) {
                throw new IllegalArgumentException("The benchmark only targets this machine; " + url.getHost() + " is not loopback");
            }
        }
    }

    boolean run() throws InterruptedException {
        System.out.printf(Locale.ROOT, "Ledgerline order-placement benchmark (run %s) against %s%n", runId, config.url());
        System.out.printf(Locale.ROOT, "java %s, %d cores, clients %d, products %d, %d s per phase, offered rate %d/s, race %d clients for %d units%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(), config.clients(), config.products(),
                config.seconds(), config.rate(), config.raceClients(), config.raceStock());
        checkReachable();

        long setupStart = System.nanoTime();
        enableVenmo();
        List<String> products = createProducts(config.products(), config.stockPerProduct(), "many");
        String hot = createProducts(1, config.stockPerProduct(), "hot").getFirst();
        System.out.printf(Locale.ROOT, "Setup: %d products + 1 hot product with %,d units each in %.1f s%n",
                products.size(), config.stockPerProduct(), (System.nanoTime() - setupStart) / 1e9);

        // The offered rate runs after the hot product: when it overloads the backend, the abandoned requests keep it
        // busy for a while, which would weigh on whatever phase came next.
        manyProducts(products);
        hotProduct(hot);
        offeredRate(products);
        boolean raceOk = oversellRace();

        System.out.println();
        System.out.println("== Summary (targets from DESIGN.md \"Speed and scale targets\")");
        summary.forEach(System.out::println);
        return raceOk;
    }

    // --- Phases ---------------------------------------------------------------------------------------------------

    /**
     * Waits (at most 60 s) until the backend is nearly idle, so one phase's backlog does not weigh on the next;
     * without the backend's pid, does nothing.
     */
    private void settle() {
        if (config.backendPid() <= 0) {
            return;
        }
        long start = System.nanoTime();
        long[] last = {CpuSample.processTicks(config.backendPid(), false)};
        try {
            // Idle: at most 0.2 cores (5 clock ticks) between two samples 250 ms apart, or its CPU time cannot be read.
            await().atMost(Duration.ofSeconds(60)).pollDelay(SETTLE_SAMPLE).pollInterval(SETTLE_SAMPLE).until(() -> {
                long before = last[0];
                long now = CpuSample.processTicks(config.backendPid(), false);
                last[0] = now;
                return before < 0 || now < 0 || now - before <= 5;
            });
        } catch (ConditionTimeoutException e) {
            System.out.println("(the backend was still busy after 60 s; going on)");
            return;
        }
        long waited = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        if (waited >= 2) {
            System.out.printf(Locale.ROOT, "(waited %d s for the backend to finish earlier work)%n", waited);
        }
    }

    private void manyProducts(List<String> products) throws InterruptedException {
        Supplier<String> order = () -> placeOrderBody(products.get(ThreadLocalRandom.current().nextInt(products.size())), 1);
        header(String.format(Locale.ROOT, "Many products (%d products, %d concurrent clients, closed loop, %d s after the warm-up)",
                products.size(), config.clients(), config.seconds()));
        settle();
        warmUp(order);
        CpuSample before = CpuSample.take(config);
        long start = System.nanoTime();
        Stats stats = closedLoop(config.clients(), config.seconds(), order);
        double seconds = (System.nanoTime() - start) / 1e9;
        CpuSample after = CpuSample.take(config);
        double rate = stats.ok.sum() / seconds;
        printClosed(stats, seconds, before, after);
        summary.add(String.format(Locale.ROOT, "many products, %d clients: %,.0f orders/s (target >= 1,000): %s; p99 %.1f ms%s",
                config.clients(), rate, rate >= 1000 ? "met" : "NOT met", stats.ms(99),
                config.bareManyPerSecond() == 0 ? "" : String.format(Locale.ROOT,
                        "; %.0f %% of bare PostgreSQL's %,d/s in this run (the target is 37 %% of DESIGN.md's ~2,700)",
                        100 * rate / config.bareManyPerSecond(), config.bareManyPerSecond())));
    }

    private void offeredRate(List<String> products) throws InterruptedException {
        header(String.format(Locale.ROOT, "Offered rate %d orders/s (open loop over %d products, %d s after %d s warm-up;"
                        + " latency from the scheduled send time)", config.rate(), products.size(), config.rateSeconds(),
                config.phaseWarmupSeconds()));
        settle();
        long warmupSends = (long) config.rate() * config.phaseWarmupSeconds();
        long measuredSends = (long) config.rate() * config.rateSeconds();
        long total = warmupSends + measuredSends;
        Stats warmup = new Stats();
        Stats stats = new Stats();
        CountDownLatch answered = new CountDownLatch((int) total);
        AtomicLong lastPlaced = new AtomicLong();
        long maxLagNanos = 0;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        long measuredStart = start + warmupSends * 1_000_000_000L / config.rate();
        CpuSample before = null;
        for (long i = 0; i < total; i++) {
            long scheduled = start + i * 1_000_000_000L / config.rate();
            if (i == warmupSends) {
                before = CpuSample.take(config);
            }
            long wait;
            while ((wait = scheduled - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            maxLagNanos = Math.max(maxLagNanos, System.nanoTime() - scheduled);
            Stats target = i < warmupSends ? warmup : stats;
            String body = placeOrderBody(products.get(ThreadLocalRandom.current().nextInt(products.size())), 1);
            post(bot, body)
                    .doOnNext(reply -> {
                        long now = System.nanoTime();
                        target.record(reply, now - scheduled);
                        if (target == stats && Stats.outcome(reply) == null) {
                            lastPlaced.accumulateAndGet(now, Math::max);
                        }
                    })
                    .doFinally(signal -> answered.countDown())
                    .subscribe();
        }
        long sendEnd = System.nanoTime();
        boolean all = answered.await(config.timeoutSeconds() + 5L, TimeUnit.SECONDS);
        CpuSample after = CpuSample.take(config);
        double window = (Math.max(lastPlaced.get(), sendEnd) - measuredStart) / 1e9;
        double achieved = stats.ok.sum() / window;
        double sent = measuredSends / ((sendEnd - measuredStart) / 1e9);
        System.out.printf(Locale.ROOT, "offered       %d orders/s (sent %,d in the window at %.1f/s; sender lag max %.1f ms)%n",
                config.rate(), measuredSends, sent, maxLagNanos / 1e6);
        System.out.printf(Locale.ROOT, "achieved      %.1f orders/s (%,d placed in %.1f s)%n", achieved, stats.ok.sum(), window);
        printLatency(stats);
        printFailures(stats, all ? "" : " (some requests still unanswered at the end)");
        System.out.println("CPU (cores)   " + after.since(before, stats.answered()));
        printRss();
        double p99 = stats.ms(99);
        summary.add(String.format(Locale.ROOT, "offered %d orders/s: achieved %.1f/s, p50 %.1f ms, p99 %.1f ms (target p99 < 20 ms): %s",
                config.rate(), achieved, stats.ms(50), p99, p99 < 20 && stats.failed() == 0 ? "met" : "NOT met"));
    }

    private void hotProduct(String hot) throws InterruptedException {
        Supplier<String> order = () -> placeOrderBody(hot, 1);
        header(String.format(Locale.ROOT, "Hot product (one product, %d concurrent clients, closed loop, %d s after %d s warm-up)",
                config.clients(), config.hotSeconds(), config.phaseWarmupSeconds()));
        settle();
        if (config.phaseWarmupSeconds() > 0) {
            closedLoop(config.clients(), config.phaseWarmupSeconds(), order);
        }
        CpuSample before = CpuSample.take(config);
        long start = System.nanoTime();
        Stats stats = closedLoop(config.clients(), config.hotSeconds(), order);
        double seconds = (System.nanoTime() - start) / 1e9;
        CpuSample after = CpuSample.take(config);
        printClosed(stats, seconds, before, after);
        double rate = stats.ok.sum() / seconds;
        // The target is relative: half of what bare PostgreSQL does on one hot product, measured in this run when the
        // script could (pgbench), else DESIGN.md's figure for this machine.
        long bareHot = config.bareHotPerSecond() == 0 ? 700 : config.bareHotPerSecond();
        String yardstick = config.bareHotPerSecond() == 0 ? "DESIGN.md's ~700" : String.format(Locale.ROOT, "%,d/s in this run", bareHot);
        summary.add(String.format(Locale.ROOT, "hot product, %d clients: %,.0f orders/s = %.0f %% of bare PostgreSQL's %s (target >= 50 %%): %s; p99 %.1f ms",
                config.clients(), rate, 100 * rate / bareHot, yardstick, 2 * rate >= bareHot ? "met" : "NOT met", stats.ms(99)));
    }

    private boolean oversellRace() throws InterruptedException {
        int clients = config.raceClients();
        int units = config.raceStock();
        header(String.format(Locale.ROOT, "Oversell race (%d shoppers at once, 1 unit each, for %d units)", clients, units));
        settle();
        String product = createProducts(1, units, "race").getFirst();
        // Open the connections first, so the orders leave together rather than behind connection set-up.
        Flux.range(0, clients)
                .flatMap(i -> post(bot, "{\"query\":\"{ __typename }\"}"), clients)
                .then().block(timeout.plusSeconds(5));
        List<String> bodies = new ArrayList<>(clients);
        for (int i = 0; i < clients; i++) {
            bodies.add(placeOrderBody(product, 1));
        }
        Stats stats = new Stats();
        long start = System.nanoTime();
        Flux.fromIterable(bodies)
                .flatMap(body -> {
                    long t0 = System.nanoTime();
                    return post(bot, body).doOnNext(reply -> stats.record(reply, System.nanoTime() - t0));
                }, clients)
                .then().block(timeout.plusSeconds(10));
        double seconds = (System.nanoTime() - start) / 1e9;

        Reply stock = post(admin, "{\"query\":\"" + PRODUCT_STOCK + "\",\"variables\":{\"id\":\"" + product + "\"}}")
                .block(timeout.plusSeconds(5));
        long onHand = intField(stock, "onHand");
        long reserved = intField(stock, "reserved");
        long available = intField(stock, "available");
        long successes = stats.ok.sum();
        long outOfStock = stats.failed("OUT_OF_STOCK");
        long other = stats.failed() - outOfStock;
        long unanswered = clients - stats.answered();
        // Units gone to orders: still reserved by unpaid ones plus any that left on hand (paid); nothing is paid here.
        long soldFromApi = reserved + (units - onHand);
        long beyondFromApi = Math.max(0, soldFromApi - units);
        long beyondFromOrders = Math.max(0, successes - units);
        boolean ok = onHand >= 0 && reserved >= 0 && reserved <= onHand && successes == units && beyondFromApi == 0 && beyondFromOrders == 0 && reserved == successes
                && outOfStock == clients - units && other == 0 && unanswered == 0;

        System.out.printf(Locale.ROOT, "answered      %,d of %,d in %.2f s%n", stats.answered(), clients, seconds);
        System.out.printf(Locale.ROOT, "successes     %d (expected %d)%n", successes, units);
        System.out.printf(Locale.ROOT, "OUT_OF_STOCK  %d%n", outOfStock);
        System.out.printf(Locale.ROOT, "other failures %d%s%n", other + unanswered, describeFailures(stats, "OUT_OF_STOCK"));
        System.out.printf(Locale.ROOT, "product stock onHand %d, reserved %d, available %d (read back with product(id))%n",
                onHand, reserved, available);
        System.out.printf(Locale.ROOT, "units sold beyond stock %d (from the product's stock; from the orders placed: %d)%n",
                beyondFromApi, beyondFromOrders);
        printLatency(stats);
        System.out.println("check         " + (ok ? "PASSED: exactly " + units + " sold, none beyond stock" : "FAILED"));
        printRss();
        summary.add(String.format(Locale.ROOT, "oversell race, %d shoppers for %d units: %d sold, %d beyond stock (target exactly %d, 0 beyond): %s",
                clients, units, successes, Math.max(beyondFromApi, beyondFromOrders), units, ok ? "met" : "NOT met"));
        return ok;
    }

    /**
     * Places orders for at least {@code bench.warmupSeconds}, then on until the backend's JIT compiler has settled
     * (under 0.05 cores over the last 10 s) or {@code bench.maxWarmupSeconds} have passed: on two shared cores the
     * compiler needs minutes under load before the backend runs at its steady speed, which is what a shop sees.
     */
    private void warmUp(Supplier<String> order) {
        if (config.maxWarmupSeconds() <= 0 || config.warmupSeconds() <= 0) {
            return;
        }
        long start = System.nanoTime();
        StringBuilder slices = new StringBuilder();
        long placed = 0;
        java.util.ArrayDeque<CpuSample> recent = new java.util.ArrayDeque<>(List.of(CpuSample.take(config)));
        String why = "the time limit";
        while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(config.maxWarmupSeconds())) {
            Stats slice = closedLoop(config.clients(), 5, order);
            placed += slice.ok.sum();
            slices.append(slices.isEmpty() ? "" : ", ").append(slice.ok.sum() / 5);
            recent.addLast(CpuSample.take(config));
            if (recent.size() > 3) {
                recent.removeFirst();
            }
            boolean minimumDone = System.nanoTime() - start >= TimeUnit.SECONDS.toNanos(config.warmupSeconds());
            if (minimumDone && config.backendPid() <= 0) {
                why = "bench.warmupSeconds (no backend pid to watch its compiler)";
                break;
            }
            CpuSample first = recent.getFirst();
            CpuSample last = recent.getLast();
            double jitCores = (last.backendJitTicks() - first.backendJitTicks()) / (double) CLOCK_TICKS_PER_SECOND
                    / ((last.nanoTime() - first.nanoTime()) / 1e9);
            if (minimumDone && recent.size() == 3 && first.backendJitTicks() >= 0 && jitCores < 0.05) {
                why = String.format(Locale.ROOT, "the JIT compiler settled (%.2f cores over the last 10 s)", jitCores);
                break;
            }
        }
        System.out.printf(Locale.ROOT, "warm-up        orders/s per 5 s: %s (%,d placed in %d s; stopped at %s)%n", slices, placed,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start), why);
    }

    // --- Load loops -----------------------------------------------------------------------------------------------

    /** {@code clients} clients, each sending its next order when the previous one was answered, for {@code seconds}. */
    private Stats closedLoop(int clients, int seconds, Supplier<String> body) {
        return closedLoop(clients, seconds, body, null);
    }

    /** The same, printing the rate of every 5 s slice after {@code progressLabel} (for warm-ups) when not null. */
    private Stats closedLoop(int clients, int seconds, Supplier<String> body, String progressLabel) {
        Stats stats = new Stats();
        StringBuffer slices = new StringBuffer();
        AtomicLong lastOk = new AtomicLong();
        Disposable progress = progressLabel == null ? null : Flux.interval(Duration.ofSeconds(5)).subscribe(tick -> {
            long ok = stats.ok.sum();
            slices.append(slices.isEmpty() ? "" : ", ").append((ok - lastOk.getAndSet(ok)) / 5);
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong issued = new AtomicLong(clients);
        long max = config.maxOrdersPerPhase();
        Flux.range(0, clients)
                .flatMap(client -> Mono.defer(() -> {
                            long t0 = System.nanoTime();
                            return post(bot, body.get()).doOnNext(reply -> stats.record(reply, System.nanoTime() - t0));
                        })
                        .repeat(() -> System.nanoTime() < deadline && issued.incrementAndGet() <= max)
                        .then(), clients)
                .then()
                .block(Duration.ofSeconds(seconds).plus(timeout).plusSeconds(10));
        if (progress != null) {
            progress.dispose();
            System.out.printf(Locale.ROOT, "%s orders/s per 5 s: %s (%,d placed, %d errors)%n", progressLabel, slices,
                    stats.ok.sum(), stats.failed());
        }
        return stats;
    }

    private Mono<Reply> post(HttpClient client, String body) {
        return client.post().uri(path)
                .send(ByteBufFlux.fromString(Mono.just(body)))
                .responseSingle((response, content) -> content.asString(StandardCharsets.UTF_8)
                        .defaultIfEmpty("")
                        .map(text -> new Reply(response.status().code(), text)))
                .timeout(timeout)
                .onErrorResume(e -> Mono.just(new Reply(-1, e.getClass().getSimpleName() + ": " + e.getMessage())));
    }

    // --- Requests -------------------------------------------------------------------------------------------------

    /** What the bot sends for one shopper in a guild channel: 1 line, Venmo, a US shipping address. */
    private static String placeOrderBody(String productId, int quantity) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long discordId = random.nextLong(100_000_000_000_000_000L, 999_999_999_999_999_999L);
        return "{\"query\":\"" + PLACE_ORDER + "\",\"operationName\":\"PlaceOrder\",\"variables\":{\"input\":{"
                + "\"shopper\":{\"discordUserId\":\"" + discordId + "\",\"username\":\"bench" + discordId
                + "\",\"displayName\":\"Bench Shopper\",\"roleIds\":[]},"
                + "\"lines\":[{\"productId\":\"" + productId + "\",\"quantity\":" + quantity + "}],"
                + "\"paymentMethod\":\"VENMO\","
                + "\"shippingAddress\":{\"name\":\"Ada Lovelace\",\"line1\":\"1 Main St\",\"city\":\"Austin\",\"region\":\"TX\","
                + "\"postalCode\":\"78701\",\"country\":\"US\"},"
                + "\"placement\":{\"via\":\"GUILD\",\"guildId\":\"1100000000000000001\",\"channelId\":\"1100000000000000002\"}}}}";
    }

    private void checkReachable() {
        Reply reply = post(admin, "{\"query\":\"{ __typename }\"}").block(timeout.plusSeconds(5));
        if (reply == null || reply.status() != 200 || !reply.body().contains("__typename")) {
            throw new IllegalStateException("The backend at " + config.url() + " did not answer as admin: "
                    + (reply == null ? "no answer" : reply.status() + " " + abbreviate(reply.body(), 300)));
        }
    }

    /** The orders pay by Venmo, which a shop turns on with its handle. */
    private void enableVenmo() {
        String configure = "{\"query\":\"mutation { configurePaymentMethod(input: {method: VENMO, enabled: true, handle: \\\"@bench-shop\\\"}) { problems { code } } }\"}";
        var reply = post(admin, configure).block(timeout);
        if (reply == null || reply.status() != 200 || !EMPTY_PROBLEMS.matcher(reply.body()).find()) {
            throw new IllegalStateException("configurePaymentMethod failed: " + (reply == null ? "no answer" : reply.status() + " " + abbreviate(reply.body(), 400)));
        }
    }

    /** Creates products as admin (8 at a time) with {@code stock} units each; returns their ids in order. */
    private List<String> createProducts(int count, int stock, String label) {
        List<String> ids = Flux.range(0, count)
                .flatMapSequential(i -> {
                    String sku = "BENCH-" + runId + "-" + label.toUpperCase(Locale.ROOT) + "-" + i;
                    String create = "{\"query\":\"" + CREATE_PRODUCT + "\",\"variables\":{\"input\":{\"sku\":\"" + sku
                            + "\",\"name\":\"Bench " + label + " item " + i + "\",\"priceMinor\":" + (999 + i % 50 * 100)
                            + ",\"kind\":\"PHYSICAL\",\"weightGrams\":250}}}";
                    return post(admin, create).map(reply -> {
                        Matcher id = ID.matcher(reply.body());
                        if (reply.status() != 200 || !EMPTY_PROBLEMS.matcher(reply.body()).find() || !id.find()) {
                            throw new IllegalStateException("createProduct failed: " + reply.status() + " " + abbreviate(reply.body(), 400));
                        }
                        return id.group(1);
                    }).flatMap(id -> {
                        String adjust = "{\"query\":\"" + ADJUST_STOCK + "\",\"variables\":{\"input\":{\"productId\":\"" + id
                                + "\",\"delta\":" + stock + ",\"reason\":\"benchmark stock\"}}}";
                        return post(admin, adjust).map(reply -> {
                            if (reply.status() != 200 || !EMPTY_PROBLEMS.matcher(reply.body()).find()) {
                                throw new IllegalStateException("adjustStock failed: " + reply.status() + " " + abbreviate(reply.body(), 400));
                            }
                            return id;
                        });
                    });
                }, 8)
                .collectList()
                .block(timeout.multipliedBy(Math.max(1, count / 8 + 1)));
        if (ids == null || ids.size() != count) {
            throw new IllegalStateException("Could not create the " + label + " products");
        }
        return ids;
    }

    // --- Output ---------------------------------------------------------------------------------------------------

    private static void header(String title) {
        System.out.println();
        System.out.println("== " + title);
    }

    private void printClosed(Stats stats, double seconds, CpuSample before, CpuSample after) {
        System.out.printf(Locale.ROOT, "orders/s      %.1f (%,d placed in %.1f s)%n", stats.ok.sum() / seconds, stats.ok.sum(), seconds);
        printLatency(stats);
        printFailures(stats, "");
        System.out.println("CPU (cores)   " + after.since(before, stats.answered()));
        printRss();
    }

    private static void printLatency(Stats stats) {
        System.out.printf(Locale.ROOT, "latency ms    p50 %.2f  p95 %.2f  p99 %.2f  max %.2f  (all %,d answers)%n",
                stats.ms(50), stats.ms(95), stats.ms(99), stats.latency.getMaxValue() / 1000.0, stats.answered());
    }

    private static void printFailures(Stats stats, String note) {
        System.out.printf(Locale.ROOT, "errors        %d%s%s%n", stats.failed(), describeFailures(stats, null), note);
    }

    private static String describeFailures(Stats stats, String except) {
        Map<String, Long> counts = new TreeMap<>();
        stats.failures.forEach((k, v) -> {
            if (!k.equals(except)) {
                counts.put(k, v.sum());
            }
        });
        if (counts.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder(" ").append(counts);
        counts.keySet().forEach(k -> text.append(System.lineSeparator()).append("              e.g. ").append(k).append(": ")
                .append(stats.failureSamples.get(k)));
        return text.toString();
    }

    private void printRss() {
        if (config.backendPid() <= 0) {
            return;
        }
        try {
            String rss = "?";
            String hwm = "?";
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(config.backendPid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = line.substring(6).strip();
                } else if (line.startsWith("VmHWM:")) {
                    hwm = line.substring(6).strip();
                }
            }
            System.out.printf(Locale.ROOT, "backend RSS   %s (peak %s)%n", megabytes(rss), megabytes(hwm));
        } catch (IOException e) {
            System.out.println("backend RSS   unavailable (" + e.getMessage() + ")");
        }
    }

    private static String megabytes(String kb) {
        try {
            return (Long.parseLong(kb.replace("kB", "").strip()) / 1024) + " MB";
        } catch (NumberFormatException e) {
            return kb;
        }
    }

    private static long intField(Reply reply, String field) {
        if (reply == null) {
            return -1;
        }
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*(-?[0-9]+)").matcher(reply.body());
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static String abbreviate(String text, int max) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ");
        return flat.length() <= max ? flat : flat.substring(0, max) + "...";
    }
}
