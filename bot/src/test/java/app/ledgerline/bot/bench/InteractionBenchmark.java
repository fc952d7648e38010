package app.ledgerline.bot.bench;

import app.ledgerline.bot.support.DiscordSpec;
import app.ledgerline.bot.support.FakeDiscord;
import app.ledgerline.bot.support.Interactions;
import app.ledgerline.bot.support.RunningBot;
import app.ledgerline.bot.support.TestBackend;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.graphql.client.HttpGraphQlClient;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Interaction benchmark: the real bot, as its own JVM (its boot jar), against the fake Discord of the tests (run in
 * this JVM) and a running backend on PostgreSQL. Simulated customers send {@code INTERACTION_CREATE} over the fake
 * gateway for {@code /shop}, the shop's page buttons ({@code shop:page:N}) and its product menu ({@code shop:pick:N});
 * the fake's REST API notes when each interaction's callback ({@code POST /interactions/{id}/{token}/callback}, the
 * acknowledgement) and its answer ({@code PATCH /webhooks/{app}/{token}/messages/@original}) arrive.
 *
 * <p>Phases: a warm-up (not reported), a closed loop ({@code bench.users} customers, each sending
 * {@code bench.interactions} interactions one after the other, the next as soon as the previous one is answered),
 * then an open loop ({@code bench.rate} interactions per second for {@code bench.seconds}, whatever the answers do).
 * Not a test: {@code bot/bench/run-interaction-benchmark.sh} starts the backend and runs this main class.
 */
public final class InteractionBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CALLBACK = Pattern.compile("/api/v10/interactions/\\d+/([^/]+)/callback");
    private static final Pattern ORIGINAL = Pattern.compile("/api/v10/webhooks/\\d+/([^/]+)/messages/@original");
    private static final double ACK_TARGET_MS = 100;
    private static final long RSS_TARGET_MB = 256;

    record Config(String backendUrl, String adminToken, String botToken, String java, String botJar, String botJavaOpts,
                  String botLog, int users, int interactions, int warmup, double rate, int seconds, int products,
                  int timeoutSeconds, boolean validate, int thinkMs, int heartbeatMs, String botMallocArenaMax,
                  long backendPid, long postgresPid) {

        static Config fromSystemProperties() {
            return new Config(
                    required("bench.url"), required("bench.adminToken"), required("bench.botToken"),
                    System.getProperty("bench.java", Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                    required("bench.botJar"),
                    System.getProperty("bench.botJavaOpts", "-Xmx64m -XX:+UseSerialGC"),
                    System.getProperty("bench.botLog", "bot-benchmark.log"),
                    Integer.getInteger("bench.users", 50),
                    Integer.getInteger("bench.interactions", 20),
                    Integer.getInteger("bench.warmup", 10),
                    Double.parseDouble(System.getProperty("bench.rate", "50")),
                    Integer.getInteger("bench.seconds", 20),
                    Integer.getInteger("bench.products", 30),
                    Integer.getInteger("bench.timeoutSeconds", 30),
                    Boolean.parseBoolean(System.getProperty("bench.validate", "false")),
                    Integer.getInteger("bench.thinkMs", 0),
                    Integer.getInteger("bench.heartbeatMs", 5000),
                    System.getProperty("bench.botMallocArenaMax", "2"),
                    Long.getLong("bench.backendPid", 0),
                    Long.getLong("bench.postgresPid", 0));
        }

        private static String required(String name) {
            String value = System.getProperty(name);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("-D" + name + " is required (bot/bench/run-interaction-benchmark.sh sets it)");
            }
            return value;
        }
    }

    /** What a customer does: the command, or a button or menu of the shop message it answered with. */
    enum Kind { SHOP, PAGE, PICK }

    /** One interaction in flight: when it was sent, acknowledged and answered. */
    static final class Pending {
        final Kind kind;
        final long sent;
        volatile long acked;
        volatile long answered;
        volatile String problem;
        final CompletableFuture<Pending> done = new CompletableFuture<>();

        Pending(Kind kind, long sent) {
            this.kind = kind;
            this.sent = sent;
        }
    }

    private final Config config;
    private final FakeDiscord discord;
    private final Map<String, Pending> inFlight = new ConcurrentHashMap<>();
    private final List<String> productIds = new ArrayList<>();
    private final AtomicInteger unexpected = new AtomicInteger();
    private final LongAdder dispatchNanos = new LongAdder();
    private final LongAdder dispatches = new LongAdder();
    private final AtomicLong slowestDispatch = new AtomicLong();
    private final List<String> specViolations = new ArrayList<>();
    private Process bot;

    private InteractionBenchmark(Config config, FakeDiscord discord) {
        this.config = config;
        this.discord = discord;
        discord.onRequest(this::arrived);
        // Discord asks for ~41 s; the fake's 1 s default would make the bot reconnect whenever this busy machine
        // stalls a JVM for two seconds. 5 s keeps the bot's start quick (it identifies after the first ACK).
        discord.heartbeatInterval(Duration.ofMillis(config.heartbeatMs()));
    }

    public static void main(String[] args) throws Exception {
        Config config = Config.fromSystemProperties();
        System.setProperty(DiscordSpec.VALIDATE_PROPERTY, Boolean.toString(config.validate()));
        int status;
        try (FakeDiscord discord = new FakeDiscord()) {
            InteractionBenchmark benchmark = new InteractionBenchmark(config, discord);
            try {
                status = benchmark.run();
            } finally {
                benchmark.stopBot();
            }
        }
        System.exit(status);
    }

    private int run() throws Exception {
        System.out.printf(Locale.ROOT, "Interaction benchmark: %d customers x %d interactions (closed loop), then %.0f/s for %d s (open loop)%n",
                config.users(), config.interactions(), config.rate(), config.seconds());
        System.out.println("Fake Discord: REST + gateway in the load generator's JVM; OpenAPI validation of each request "
                + (config.validate() ? "ON" : "OFF (benchmark only; the tests always validate)"));
        seed();
        startBot();
        long pid = bot.pid();
        System.out.printf(Locale.ROOT, "Bot pid %d (%s, MALLOC_ARENA_MAX=%s); resident memory at rest: %s%n", pid,
                config.botJavaOpts(), config.botMallocArenaMax(), memory(pid));

        // Warm-up: the same closed loop, not reported (JIT, connection pools, caches).
        long warmupStarted = System.nanoTime();
        List<Pending> warmup = closedLoop(config.users(), config.warmup());
        forget();
        System.out.printf(Locale.ROOT, "Warmed up: %d interactions in %.1f s, %d errors; resident memory: %s%n%n", warmup.size(),
                (System.nanoTime() - warmupStarted) / 1e9, warmup.stream().filter(p -> p.problem != null).count(), memory(pid));

        List<Report> reports = new ArrayList<>();
        long[] cpu = cpu(pid);
        long started = System.nanoTime();
        String load = loadAverage();
        List<Pending> closed = closedLoop(config.users(), config.interactions());
        reports.add(new Report("closed loop, " + config.users() + " customers", closed, System.nanoTime() - started,
                since(cpu, cpu(pid)), memory(pid), load + " -> " + loadAverage()));
        forget();

        if (config.rate() > 0 && config.seconds() > 0) {
            cpu = cpu(pid);
            started = System.nanoTime();
            load = loadAverage();
            List<Pending> open = openLoop(config.rate(), config.seconds());
            reports.add(new Report(String.format(Locale.ROOT, "open loop, %.0f/s offered", config.rate()), open,
                    System.nanoTime() - started, since(cpu, cpu(pid)), memory(pid), load + " -> " + loadAverage()));
            forget();
        }

        System.out.println();
        reports.forEach(Report::print);
        String peak = peakMb(pid);
        System.out.printf(Locale.ROOT, "%nBot resident memory: %s now, peak %s (target < %d MB); JVM options %s%n",
                rssMb(pid), peak, RSS_TARGET_MB, config.botJavaOpts());
        System.out.printf(Locale.ROOT, "Targets (DESIGN.md): acknowledgement p99 < %.0f ms; bot resident memory < %d MB%n",
                ACK_TARGET_MS, RSS_TARGET_MB);
        System.out.printf(Locale.ROOT, "Fake gateway: a dispatch (zlib + WebSocket frame) took %.0f us on average, %.1f ms at most%n",
                dispatchNanos.sum() / 1e3 / Math.max(1, dispatches.sum()), slowestDispatch.get() / 1e6);
        if (config.validate()) {
            System.out.println("Requests Discord's OpenAPI spec rejects: " + specViolations.size());
            specViolations.stream().limit(5).forEach(v -> System.out.println("  " + v));
        }
        if (unexpected.get() > 0) {
            System.out.println("Requests the benchmark did not expect: " + unexpected.get());
        }
        boolean errors = reports.stream().anyMatch(r -> r.errors > 0);
        return errors || !specViolations.isEmpty() ? 1 : 0;
    }

    // ------------------------------------------------------------------------------------------------ the customers

    /** {@code users} customers at once, each sending {@code count} interactions one after another. */
    private List<Pending> closedLoop(int users, int count) throws InterruptedException {
        ConcurrentLinkedQueue<Pending> all = new ConcurrentLinkedQueue<>();
        try (ExecutorService customers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int u = 0; u < users; u++) {
                long userId = discord.nextId();
                String user = Interactions.user(userId, "customer" + u);
                int offset = u;
                customers.submit(() -> {
                    for (int i = 0; i < count; i++) {
                        Pending pending = send(kindAt(offset + i), user);
                        all.add(pending);
                        await(pending);
                        if (config.thinkMs() > 0) {
                            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(config.thinkMs()));
                        }
                    }
                    return null;
                });
            }
        }
        return List.copyOf(all);
    }

    /** {@code rate} interactions per second for {@code seconds}, sent on schedule whether or not earlier ones are answered. */
    private List<Pending> openLoop(double rate, int seconds) {
        int total = (int) Math.round(rate * seconds);
        long interval = (long) (1_000_000_000L / rate);
        List<String> users = new ArrayList<>();
        for (int u = 0; u < Math.max(config.users(), 1); u++) {
            users.add(Interactions.user(discord.nextId(), "shopper" + u));
        }
        List<Pending> all = new ArrayList<>(total);
        long start = System.nanoTime();
        long worstLag = 0;
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            worstLag = Math.max(worstLag, System.nanoTime() - due);
            all.add(send(kindAt(i), users.get(i % users.size())));
        }
        all.forEach(this::await);
        if (worstLag > TimeUnit.MILLISECONDS.toNanos(20)) {
            System.out.printf(Locale.ROOT, "(the open loop sent up to %.1f ms late)%n", worstLag / 1e6);
        }
        return all;
    }

    /** The mix: a quarter each of {@code /shop}, next page, a product, previous page. */
    private static Kind kindAt(int i) {
        return switch (Math.floorMod(i, 4)) {
            case 0 -> Kind.SHOP;
            case 2 -> Kind.PICK;
            default -> Kind.PAGE;
        };
    }

    private Pending send(Kind kind, String user) {
        if (!bot.isAlive()) {
            throw new IllegalStateException("The bot exited (exit " + bot.exitValue() + "); see its log " + config.botLog());
        }
        long guild = RunningBot.GUILD;
        long channel = RunningBot.SHOP_CHANNEL;
        Interactions.Sent sent = switch (kind) {
            case SHOP -> Interactions.slashInGuild(discord, "shop", guild, channel, user, List.of());
            case PAGE -> Interactions.buttonInGuild(discord, "shop:page:" + ThreadLocalRandom.current().nextInt(2),
                    guild, channel, user, List.of());
            case PICK -> Interactions.selectInGuild(discord, "shop:pick:0",
                    List.of(productIds.get(ThreadLocalRandom.current().nextInt(productIds.size()))),
                    guild, channel, user, List.of());
        };
        Pending pending = new Pending(kind, System.nanoTime());
        inFlight.put(sent.token(), pending);
        discord.dispatch("INTERACTION_CREATE", sent.json());
        long took = System.nanoTime() - pending.sent;
        dispatchNanos.add(took);
        dispatches.increment();
        slowestDispatch.accumulateAndGet(took, Math::max);
        return pending;
    }

    private void await(Pending pending) {
        try {
            pending.done.get(config.timeoutSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            pending.problem = pending.acked == 0 ? "no acknowledgement within " + config.timeoutSeconds() + " s"
                    : "no answer within " + config.timeoutSeconds() + " s";
        } catch (Exception e) {
            pending.problem = e.toString();
        }
    }

    /** The fake Discord's REST API received a request (called on a Netty thread). */
    private void arrived(String method, String path, String body, long now) {
        Matcher m;
        if (method.equals("POST") && (m = CALLBACK.matcher(path)).matches()) {
            Pending pending = inFlight.get(m.group(1));
            if (pending == null) {
                unexpected.incrementAndGet();
                return;
            }
            pending.acked = now;
            int type = JSON.readTree(body).path("type").asInt();
            if (type == 4) {
                // An immediate reply (never expected here: every shop interaction calls the backend).
                finish(m.group(1), pending, now, "answered at once: " + body);
            }
        } else if (method.equals("PATCH") && (m = ORIGINAL.matcher(path)).matches()) {
            Pending pending = inFlight.get(m.group(1));
            if (pending == null) {
                unexpected.incrementAndGet();
                return;
            }
            JsonNode answer = JSON.readTree(body);
            String content = answer.path("content").asString("");
            finish(m.group(1), pending, now, content.contains("⚠️") || !content.contains("Shop Bench") ? "answer: " + content : null);
        }
    }

    private void finish(String token, Pending pending, long now, String problem) {
        pending.answered = now;
        pending.problem = problem;
        inFlight.remove(token);
        pending.done.complete(pending);
    }

    /** Drops the fake's recorded requests, keeping what the spec rejected among them. */
    private void forget() {
        specViolations.addAll(discord.specViolations());
        discord.clearRequests();
    }

    // ---------------------------------------------------------------------------------------------------- results

    static final class Report {
        final String name;
        final int count;
        final int errors;
        final long[] acks;
        final long[] answers;
        final long wallNanos;
        /** CPU milliseconds of the bot, the backend, PostgreSQL and this JVM (fake Discord + customers). */
        final long[] cpuMillis;
        final String memory;
        final String load;
        final Map<String, Integer> problems = new LinkedHashMap<>();

        Report(String name, List<Pending> all, long wallNanos, long[] cpuMillis, String memory, String load) {
            this.name = name;
            this.load = load;
            this.count = all.size();
            this.wallNanos = wallNanos;
            this.cpuMillis = cpuMillis;
            this.memory = memory;
            List<Long> ack = new ArrayList<>();
            List<Long> answer = new ArrayList<>();
            int failed = 0;
            for (Pending p : all) {
                if (p.acked != 0) {
                    ack.add(p.acked - p.sent);
                }
                if (p.answered != 0) {
                    answer.add(p.answered - p.sent);
                }
                if (p.problem != null) {
                    failed++;
                    String key = p.problem.length() > 120 ? p.problem.substring(0, 120) + "..." : p.problem;
                    problems.merge(key, 1, Integer::sum);
                }
            }
            this.errors = failed;
            this.acks = ack.stream().mapToLong(Long::longValue).sorted().toArray();
            this.answers = answer.stream().mapToLong(Long::longValue).sorted().toArray();
        }

        void print() {
            double seconds = wallNanos / 1e9;
            System.out.printf(Locale.ROOT, "%s: %d interactions in %.1f s = %.1f interactions/s, %d errors%n",
                    name, count, seconds, (count - errors) / seconds, errors);
            System.out.printf(Locale.ROOT, "  acknowledged (gateway dispatch -> callback POST): %s%n", percentiles(acks));
            System.out.printf(Locale.ROOT, "  answered     (gateway dispatch -> PATCH @original): %s%n", percentiles(answers));
            double interactions = Math.max(count, 1);
            System.out.printf(Locale.ROOT, "  CPU per interaction: bot %.1f ms, backend %.1f ms, PostgreSQL %.1f ms, fake Discord + customers %.1f ms "
                            + "(together %.2f cores of the machine's 2); machine load average %s%n",
                    cpuMillis[0] / interactions, cpuMillis[1] / interactions, cpuMillis[2] / interactions, cpuMillis[3] / interactions,
                    (cpuMillis[0] + cpuMillis[1] + cpuMillis[2] + cpuMillis[3]) / (wallNanos / 1e6), load);
            System.out.printf(Locale.ROOT, "  bot resident memory after: %s%n", memory);
            problems.forEach((problem, n) -> System.out.printf(Locale.ROOT, "  %d x %s%n", n, problem));
        }

        static String percentiles(long[] sorted) {
            if (sorted.length == 0) {
                return "none";
            }
            return String.format(Locale.ROOT, "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (%d)",
                    at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99), sorted[sorted.length - 1] / 1e6, sorted.length);
        }

        static double at(long[] sorted, double quantile) {
            int index = (int) Math.ceil(quantile * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
        }
    }

    // ------------------------------------------------------------------------------------------ backend and bot

    /** Products every customer may see, in stock for the whole run, over more than one shop page. */
    private void seed() {
        HttpGraphQlClient admin = HttpGraphQlClient.create(WebClient.builder().baseUrl(config.backendUrl())
                .defaultHeader("Authorization", "Bearer " + config.adminToken()).build());
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36).toUpperCase(Locale.ROOT);
        for (int i = 1; i <= config.products(); i++) {
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("sku", "BENCH-" + run + "-" + i);
            input.put("name", "Shop Bench item " + i);
            input.put("description", "Benchmark product number " + i + ".");
            input.put("priceMinor", 500 + 100 * i);
            input.put("kind", i % 3 == 0 ? "DIGITAL" : "PHYSICAL");
            String id = TestBackend.createProduct(admin, input, 1_000_000);
            productIds.add(id);
        }
        System.out.printf(Locale.ROOT, "Seeded %d products%n", productIds.size());
    }

    /** The bot's boot jar in its own JVM, configured through its documented environment variables. */
    private void startBot() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(config.java());
        command.addAll(Arrays.stream(config.botJavaOpts().trim().split("\\s+")).filter(s -> !s.isEmpty()).toList());
        command.add("-jar");
        command.add(config.botJar());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(new File(config.botLog()));
        Map<String, String> env = builder.environment();
        env.put("DISCORD_TOKEN", FakeDiscord.TOKEN);
        env.put("LEDGERLINE_SHOP_GUILD_ID", Long.toUnsignedString(RunningBot.GUILD));
        env.put("LEDGERLINE_SHOP_CHANNEL_IDS", Long.toUnsignedString(RunningBot.SHOP_CHANNEL));
        env.put("LEDGERLINE_BACKEND_URL", config.backendUrl());
        env.put("LEDGERLINE_BOT_TOKEN", config.botToken());
        env.put("DISCORD_API_BASE_URL", discord.apiBaseUrl());
        // As in the bot's container (bot/Dockerfile): fewer glibc malloc arenas, less resident memory.
        env.put("MALLOC_ARENA_MAX", config.botMallocArenaMax());
        long started = System.nanoTime();
        bot = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopBot));
        Process process = bot;
        org.awaitility.Awaitility.await("the bot on the fake gateway (see " + config.botLog() + ")")
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(50))
                .failFast("the bot exited during start-up; see " + config.botLog(), () -> !process.isAlive())
                .until(discord::gatewayReady);
        System.out.printf(Locale.ROOT, "Bot connected to the fake gateway %.1f s after its JVM started%n", (System.nanoTime() - started) / 1e9);
    }

    private synchronized void stopBot() {
        if (bot != null && bot.isAlive()) {
            bot.destroy();
            try {
                if (!bot.waitFor(20, TimeUnit.SECONDS)) {
                    bot.destroyForcibly();
                }
            } catch (InterruptedException e) {
                bot.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String memory(long pid) {
        return rssMb(pid) + " (peak " + peakMb(pid) + ")";
    }

    private static String rssMb(long pid) {
        return statusField(pid, "VmRSS:");
    }

    private static String peakMb(long pid) {
        return statusField(pid, "VmHWM:");
    }

    private static String statusField(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field)) {
                    long kb = Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                    return (kb / 1024) + " MB";
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone
        }
        return "unknown";
    }

    /** The machine's 1-minute load average (other processes share its two cores). */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /** CPU milliseconds so far of the bot, the backend, PostgreSQL (the postmaster and its children) and this JVM. */
    private long[] cpu(long botPid) {
        long postgres = 0;
        if (config.postgresPid() > 0) {
            try (var processes = Files.list(Path.of("/proc"))) {
                for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                    long pid = Long.parseLong(process.getFileName().toString());
                    if (pid == config.postgresPid() || parentOf(pid) == config.postgresPid()) {
                        postgres += cpuMillis(pid);
                    }
                }
            } catch (IOException | RuntimeException e) {
                postgres = 0;
            }
        }
        return new long[] {cpuMillis(botPid), config.backendPid() > 0 ? cpuMillis(config.backendPid()) : 0, postgres,
                cpuMillis(ProcessHandle.current().pid())};
    }

    private static long[] since(long[] before, long[] now) {
        long[] delta = new long[now.length];
        for (int i = 0; i < now.length; i++) {
            delta[i] = now[i] - before[i];
        }
        return delta;
    }

    private static long parentOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** User + system CPU time of the process so far, from /proc (clock ticks of 10 ms). */
    private static long cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
