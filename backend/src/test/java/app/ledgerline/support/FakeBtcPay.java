package app.ledgerline.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local BTCPay Server, just the Greenfield endpoints Ledgerline calls: create an invoice and read one back. Invoice
 * state is set by the test ({@link #setState}); every request is recorded so tests can check what was sent. Requests
 * without {@code Authorization: token <apiKey>} get 401, as on a real server.
 */
public final class FakeBtcPay implements AutoCloseable {

    /** One request as received. {@code json} is the parsed body, or null. */
    public record Request(String method, String path, String authorization, JsonNode json) {
    }

    private static final Pattern CREATE = Pattern.compile("/api/v1/stores/([^/]+)/invoices");
    private static final Pattern GET = Pattern.compile("/api/v1/stores/([^/]+)/invoices/([^/]+)");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final String storeId;
    private final String apiKey;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Map<String, Object>> invoices = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile int failCreatesWith;
    private volatile int failReadsWith;

    public FakeBtcPay(String storeId, String apiKey) {
        this.storeId = storeId;
        this.apiKey = apiKey;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "fake-btcpay");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The invoice-creation requests that carried this order number in {@code metadata.orderId}. */
    public List<Request> createsFor(String orderNumber) {
        return requests.stream().filter(r -> r.method().equals("POST") && r.json() != null
                && orderNumber.equals(r.json().path("metadata").path("orderId").asString(null))).toList();
    }

    /** GET requests for one invoice. */
    public long readsOf(String invoiceId) {
        return requests.stream().filter(r -> r.method().equals("GET") && r.path().endsWith("/invoices/" + invoiceId)).count();
    }

    /** Answers invoice creation with this HTTP status (0: normally), as a BTCPay that is down or refuses. */
    public void failCreates(int status) {
        failCreatesWith = status;
    }

    public void failReads(int status) {
        failReadsWith = status;
    }

    /** What BTCPay reports for the invoice from now on: {@code New/Processing/Settled/Expired/Invalid} and additional status. */
    public void setState(String invoiceId, String status, String additionalStatus) {
        Map<String, Object> invoice = invoices.get(invoiceId);
        if (invoice == null) {
            throw new IllegalArgumentException("No invoice " + invoiceId);
        }
        invoice.put("status", status);
        invoice.put("additionalStatus", additionalStatus);
    }

    /** Creates an invoice as if another app on the same store had. */
    public String createForeignInvoice(String amount, String currency) {
        return newInvoice(amount, currency, Map.of());
    }

    private String newInvoice(String amount, String currency, Object metadata) {
        String id = "FakeInv" + ids.incrementAndGet() + "x" + Long.toString(System.nanoTime(), 36);
        var invoice = new ConcurrentHashMap<String, Object>();
        invoice.put("id", id);
        invoice.put("storeId", storeId);
        invoice.put("amount", amount);
        invoice.put("currency", currency);
        invoice.put("status", "New");
        invoice.put("additionalStatus", "None");
        invoice.put("metadata", metadata);
        invoice.put("checkoutLink", url() + "/i/" + id);
        invoices.put(id, invoice);
        return id;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            JsonNode json = body.length == 0 ? null : JSON.readTree(body);
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            requests.add(new Request(exchange.getRequestMethod(), path, authorization, json));
            if (!("token " + apiKey).equals(authorization)) {
                send(exchange, 401, Map.of("code", "unauthenticated", "message", "Authentication is required"));
                return;
            }
            Matcher create = CREATE.matcher(path);
            Matcher get = GET.matcher(path);
            if (exchange.getRequestMethod().equals("POST") && create.matches() && create.group(1).equals(storeId)) {
                if (failCreatesWith != 0) {
                    send(exchange, failCreatesWith, Map.of("code", "unavailable", "message", "Down for the test"));
                    return;
                }
                String id = newInvoice(json.path("amount").asString(), json.path("currency").asString(),
                        JSON.convertValue(json.path("metadata"), Map.class));
                send(exchange, 200, invoices.get(id));
            } else if (exchange.getRequestMethod().equals("GET") && get.matches() && get.group(1).equals(storeId)) {
                Map<String, Object> invoice = invoices.get(get.group(2));
                if (failReadsWith != 0) {
                    send(exchange, failReadsWith, Map.of("code", "unavailable", "message", "Down for the test"));
                } else if (invoice == null) {
                    send(exchange, 404, Map.of("code", "invoice-not-found", "message", "The invoice was not found"));
                } else {
                    send(exchange, 200, invoice);
                }
            } else {
                send(exchange, 404, Map.of("code", "not-found", "message", "No such endpoint"));
            }
        }
    }

    private static void send(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(new LinkedHashMap<>(body)).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
