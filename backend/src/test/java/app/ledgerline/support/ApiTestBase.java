package app.ledgerline.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;

/** Base of API tests: a running backend and an {@link Api} pointed at it. */
@BackendTest
public abstract class ApiTestBase {

    @Autowired
    protected DatabaseClient db;

    @Autowired
    private Environment environment;

    protected Api api;

    @BeforeEach
    void connectApi() {
        api = new Api(environment.getRequiredProperty("local.server.port", Integer.class), db);
    }
}
