package app.ledgerline.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlPartTest {

    private static final SqlPart.Refusal STOCK = new SqlPart.Refusal("(select count(*) from stock_changed) = 2", "'7,9'",
            detail -> new ProblemException(Problem.of(ProblemCode.OUT_OF_STOCK, detail)));
    private static final SqlPart.Refusal DISCOUNT = new SqlPart.Refusal("exists (select 1 from discount_redeemed)", null,
            detail -> new ProblemException(Problem.of(ProblemCode.DISCOUNT_LIMIT_REACHED, "used up")));

    @Test
    void eachRefusalIsCalledOnlyWhenItsConditionFails() {
        List<SqlPart.Refusal> refusals = List.of(STOCK, DISCOUNT);

        String checks = SqlPart.checks(refusals, r -> Integer.toString(refusals.indexOf(r)));

        assertThat(checks).isEqualTo("""
                case when (select count(*) from stock_changed) = 2 then true else ledgerline_refuse('0', '7,9') end
                  and case when exists (select 1 from discount_redeemed) then true else ledgerline_refuse('1', null) end""");
        assertThat(SqlPart.checks(List.of(), r -> "0")).isEqualTo("true");
    }

    @Test
    void writtenReadsEveryExpressionNamed() {
        assertThat(SqlPart.of("x as (insert into t values (1) returning 1)", Map.of()).written()).isEqualTo("true");
        assertThat(SqlPart.of("", Map.of()).writing("l", "h").written())
                .isEqualTo("((select count(*) from l) + (select count(*) from h)) >= 0");
    }

    @Test
    void announcedExpressionsSurviveWritingAndTheOtherWayRound() {
        SqlPart part = SqlPart.of("", Map.of()).announcing(List.of("e"), List.of("t")).writing("e", "t");
        assertThat(part.events()).containsExactly("e");
        assertThat(part.botTasks()).containsExactly("t");
        assertThat(part.written()).isEqualTo("((select count(*) from e) + (select count(*) from t)) >= 0");
        assertThat(part.announcing(List.of("f"), List.of()).written()).isEqualTo(part.written());
    }

    @Test
    void anErrorThatIsNoRefusalIsNotTakenForOne() {
        assertThat(SqlPart.refused(new IllegalStateException("boom", new RuntimeException("cause")))).isEmpty();
    }
}
