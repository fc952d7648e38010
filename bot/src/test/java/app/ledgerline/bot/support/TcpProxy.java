package app.ledgerline.bot.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpClient;
import reactor.netty.tcp.TcpServer;

/**
 * A TCP proxy in front of the backend, so a test can make the backend "go away" (every connection cut, new ones
 * refused) and come back on the same port, without stopping the shared in-process backend.
 */
public final class TcpProxy implements AutoCloseable {

    private final int target;
    private final List<Connection> open = new CopyOnWriteArrayList<>();
    private volatile int port;
    private volatile DisposableServer server;

    public TcpProxy(int target) {
        this.target = target;
        bind(0);
    }

    public int port() {
        return port;
    }

    /** Accepts connections again, on the same port. */
    public synchronized void start() {
        if (server == null) {
            bind(port);
        }
    }

    /** Cuts every proxied connection and refuses new ones. */
    public synchronized void stop() {
        if (server != null) {
            server.disposeNow();
            server = null;
        }
        open.forEach(Connection::dispose);
        open.clear();
    }

    @Override
    public void close() {
        stop();
    }

    private void bind(int requestedPort) {
        server = TcpServer.create().host("127.0.0.1").port(requestedPort)
                .handle((in, out) -> TcpClient.create().host("127.0.0.1").port(target).connect()
                        .flatMap(upstream -> {
                            open.add(upstream);
                            in.withConnection(downstream -> {
                                open.add(downstream);
                                downstream.onDispose(upstream);
                                upstream.onDispose(downstream);
                            });
                            Mono<Void> toTarget = upstream.outbound().send(in.receive().retain()).then();
                            Mono<Void> toClient = out.send(upstream.inbound().receive().retain()).then();
                            return Mono.firstWithSignal(toTarget, toClient).doFinally(signal -> upstream.dispose());
                        }))
                .bindNow();
        port = server.port();
    }
}
