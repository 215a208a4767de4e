/* test_rank_params.c — the ranking parameters: the documented defaults, and reading overrides as
 * $PRESSCUT_RANK_PARAMS gives them (any subset, any order; unknown names and bad numbers refused). */
#include "presscut/fts5/rank_params.h"

#include <math.h>

#include "harness.h"

static void test_params_default(void)
{
    pc_rank_params p;
    pc_rank_params_default(&p);
    CHECK(fabs(p.k1 - 1.2) < 1e-12);
    CHECK(fabs(p.b - 0.75) < 1e-12);
    CHECK(p.proximity_weight > 0.0 && p.title_weight > 0.0 && p.passages_weight > 0.0);
}

static void test_params_parse(void)
{
    pc_rank_params p;
    pc_rank_params_default(&p);
    pc_error err;
    CHECK_INT_EQ(pc_rank_params_parse("b=0.5,k1=2,,common=0", &p, &err), PC_OK);
    CHECK(fabs(p.k1 - 2.0) < 1e-12);
    CHECK(fabs(p.b - 0.5) < 1e-12);
    CHECK(p.common_share == 0.0);
    CHECK(fabs(p.title_weight - 2.0) < 1e-12); /* left as it was */
    CHECK(p.coverage_weight > 0.0);
    CHECK_INT_EQ(pc_rank_params_parse("coverage=0", &p, &err), PC_OK);
    CHECK(p.coverage_weight == 0.0);
    CHECK_INT_EQ(pc_rank_params_parse("k2=1", &p, &err), PC_EINVAL);
    CHECK(strstr(err.msg, "'k2=1'") != NULL);
    CHECK_INT_EQ(pc_rank_params_parse("b=-1", &p, &err), PC_EINVAL);
    CHECK_INT_EQ(pc_rank_params_parse("b=", &p, &err), PC_EINVAL);
    CHECK_INT_EQ(pc_rank_params_parse("b=nan", &p, &err), PC_EINVAL);
    CHECK_INT_EQ(pc_rank_params_parse("title", &p, NULL), PC_EINVAL);
    CHECK(fabs(p.b - 0.5) < 1e-12);
}

int main(void)
{
    RUN_TEST(test_params_default);
    RUN_TEST(test_params_parse);
    return TEST_REPORT();
}
