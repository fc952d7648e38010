package app.ledgerline.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alert latency: from the commit of an alert to a dashboard subscribed over graphql-transport-ws. Not a test: run it
 * with {@code backend/bench/run-alert-benchmark.sh}, which starts a backend for it.
 *
 * <p>Each worker owns one product with a low-stock threshold of 0 and cycles its stock +1 / -1 through the
 * {@code adjustStock} mutation; every -1 crosses to zero and raises an OUT_OF_STOCK alert. Subscribers receive
 * {@code alertEvents}. For each alert, latency = the moment a subscriber received it minus the alert's
 * {@code createdAt} (PostgreSQL's transaction start time, on this machine's clock): an upper bound on
 * commit-to-client latency, as it also counts the transaction's own work before the commit.
 *
 * <p>Properties: {@code bench.url} (http://localhost:8080), {@code bench.token} (admin token), {@code bench.alerts}
 * (500), {@code bench.workers} (1: one mutation at a time; more = concurrent alerts), {@code bench.subscribers} (1),
 * {@code bench.warmup} (50 alerts, not counted).
 */
public final class AlertLatencyBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Round trips of the alert-raising mutation, in microseconds: the same machine's request latency, for scale. */
    private static final List<Long> ROUND_TRIPS = Collections.synchronizedList(new ArrayList<>());

    public static void main(String[] args) throws Exception {
        String url = System.getProperty("bench.url", "http://localhost:8080");
        String token = System.getProperty("bench.token", System.getenv().getOrDefault("LEDGERLINE_ADMIN_TOKEN", ""));
        int alerts = Integer.getInteger("bench.alerts", 500);
        int workers = Integer.getInteger("bench.workers", 1);
        int subscribers = Integer.getInteger("bench.subscribers", 1);
        int warmup = Integer.getInteger("bench.warmup", 50);

        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var api = new Api(http, url + "/graphql", token);

        List<String> products = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            products.add(api.createProduct("BENCH-ALERT-" + System.nanoTime() + "-" + i));
        }
        Set<String> ours = Set.copyOf(products);

        // Per subscriber: latency in microseconds of every alert of ours it received, by alert id.
        Set<String> measured = ConcurrentHashMap.newKeySet();
        List<Map<String, Long>> latencies = new ArrayList<>();
        List<Disposable> subscriptions = new ArrayList<>();
        List<WebSocketGraphQlClient> clients = new ArrayList<>();
        var received = new AtomicInteger();
        for (int s = 0; s < subscribers; s++) {
            Map<String, Long> mine = new ConcurrentHashMap<>();
            latencies.add(mine);
            var client = WebSocketGraphQlClient.builder(URI.create(url.replaceFirst("^http", "ws") + "/graphql"), new ReactorNettyWebSocketClient())
                    .header("Authorization", "Bearer " + token).build();
            clients.add(client);
            subscriptions.add(client.document("subscription { alertEvents { type alert { id kind createdAt product { id } } } }")
                    .retrieveSubscription("alertEvents").toEntity(Map.class)
                    .subscribe(event -> {
                        Instant now = Instant.now();
                        Map<?, ?> alert = (Map<?, ?>) event.get("alert");
                        Map<?, ?> product = (Map<?, ?>) alert.get("product");
                        if (!"RAISED".equals(event.get("type")) || product == null || !ours.contains(product.get("id"))) {
                            return;
                        }
                        Instant created = Instant.parse((String) alert.get("createdAt"));
                        mine.put((String) alert.get("id"), Duration.between(created, now).toNanos() / 1000);
                        received.incrementAndGet();
                    }, error -> System.err.println("Subscription failed: " + error)));
        }
        // The subscriptions attach asynchronously: raise alerts until one reaches every subscriber.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (latencies.stream().anyMatch(Map::isEmpty)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The subscription(s) never received an alert");
            }
            api.alert(products.getFirst());
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
        System.out.printf("Warming up with %d alerts...%n", warmup);
        run(api, products, warmup, null);
        ROUND_TRIPS.clear();
        System.out.printf("Measuring %d alerts, %d worker(s) raising them, %d subscriber(s)...%n", alerts, workers, subscribers);
        long started = System.nanoTime();
        run(api, products, alerts, measured);
        double seconds = (System.nanoTime() - started) / 1e9;
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (latencies.stream().anyMatch(m -> !m.keySet().containsAll(measured)) && System.nanoTime() < waitUntil) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        subscriptions.forEach(Disposable::dispose);
        clients.forEach(c -> c.stop().block(Duration.ofSeconds(5)));

        List<Long> all = new ArrayList<>();
        long missing = 0;
        for (Map<String, Long> mine : latencies) {
            for (String id : measured) {
                Long micros = mine.get(id);
                if (micros == null) {
                    missing++;
                } else {
                    all.add(micros);
                }
            }
        }
        if (missing > 0) {
            System.out.printf("WARNING: %d of %d deliveries missing%n", missing, (long) measured.size() * subscribers);
        }
        Collections.sort(all);
        System.out.printf("alerts raised: %d in %.1f s (%.0f alerts/s); deliveries received: %d%n", alerts, seconds, alerts / seconds, all.size());
        System.out.printf("commit -> subscriber latency (upper bound: receive time - alert createdAt), ms:%n");
        System.out.printf("  p50 %.2f   p90 %.2f   p99 %.2f   max %.2f%n", pct(all, 50), pct(all, 90), pct(all, 99), all.isEmpty() ? 0 : all.getLast() / 1000.0);
        List<Long> trips = new ArrayList<>(ROUND_TRIPS);
        Collections.sort(trips);
        System.out.printf("for scale, the alert-raising adjustStock mutation's HTTP round trip, ms:%n");
        System.out.printf("  p50 %.2f   p90 %.2f   p99 %.2f%n", pct(trips, 50), pct(trips, 90), pct(trips, 99));
        System.out.printf("target (DESIGN.md): p99 < 100 ms -> %s%n", pct(all, 99) < 100 ? "MET" : "NOT MET");
    }

    private static double pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.clamp(index, 0, sorted.size() - 1)) / 1000.0;
    }

    /** Raises {@code count} alerts spread over the products, one worker per product. */
    private static void run(Api api, List<String> products, int count, Set<String> measured) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(products.size());
        try {
            var remaining = new AtomicInteger(count);
            List<Future<?>> futures = new ArrayList<>();
            for (String product : products) {
                futures.add(pool.submit(() -> {
                    while (remaining.getAndDecrement() > 0) {
                        String alertId = api.alert(product);
                        if (measured != null) {
                            measured.add(alertId);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** Blocking GraphQL over HTTP, for the load generator's own threads. */
    private record Api(HttpClient http, String url, String token) {

        JsonNode call(String query, Map<String, Object> variables) {
            try {
                var body = JSON.writeValueAsString(Map.of("query", query, "variables", variables));
                var response = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                JsonNode json = JSON.readTree(response.body());
                if (response.statusCode() != 200 || json.has("errors")) {
                    throw new IllegalStateException("GraphQL call failed (" + response.statusCode() + "): " + response.body());
                }
                return json.get("data");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        String createProduct(String sku) {
            JsonNode data = call("mutation($input: ProductInput!) { createProduct(input: $input) { product { id } problems { message } } }",
                    Map.of("input", Map.of("sku", sku, "name", "Benchmark " + sku, "priceMinor", 100, "kind", "PHYSICAL", "lowStockThreshold", 0)));
            return data.get("createProduct").get("product").get("id").asString();
        }

        private void adjust(String product, int delta) {
            JsonNode data = call("mutation($input: AdjustStockInput!) { adjustStock(input: $input) { problems { code message } } }",
                    Map.of("input", Map.of("productId", product, "delta", delta, "reason", "alert benchmark")));
            if (!data.get("adjustStock").get("problems").isEmpty()) {
                throw new IllegalStateException("adjustStock refused: " + data);
            }
        }

        /** +1 then -1: the second crosses to zero and raises OUT_OF_STOCK. Returns the new alert's id. */
        String alert(String product) {
            adjust(product, 1);
            long start = System.nanoTime();
            adjust(product, -1);
            ROUND_TRIPS.add((System.nanoTime() - start) / 1000);
            JsonNode data = call("query($p: ID!) { alerts(filter: {productId: $p, kinds: [OUT_OF_STOCK]}, first: 1) { edges { node { id } } } }",
                    Map.of("p", product));
            return data.get("alerts").get("edges").get(0).get("node").get("id").asString();
        }
    }
}
