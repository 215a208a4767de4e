/* rank_params.c — the ranking parameters (include/presscut/fts5/rank_params.h): their defaults, with how each
 * was chosen, and the reader of overrides ("k1=1.2,b=0.75,...") for $PRESSCUT_RANK_PARAMS, so that the
 * evaluation can try values without rebuilding. */
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "presscut/fts5/rank_params.h"

void pc_rank_params_default(pc_rank_params *p)
{
    /* Chosen on the TIME collection (tests/eval/time_eval.sh: 83 questions in plain words run with --any,
     * MAP / P@10 / nDCG@10; PRESSCUT_RANK_PARAMS tries other values without rebuilding):
     *   k1 1.2, b 0.75: the usual BM25 values; k1 1.0 or 1.5 and b 0.5 or 0.9 all did worse.
     *   article_weight 10: the article-level BM25 (words counted over the whole article, IDF over articles,
     *     length from the body) decides most of the order; the best passage (with its proximity bonus) breaks
     *     ties and picks what is shown. Best passage alone: MAP 0.643; weight 1: 0.657; 4: 0.701; 10: 0.706;
     *     20: 0.700. Without the body length (matching passages only): 0.678 at best.
     *   proximity_weight 1.0: two query words side by side add 1.0 to the passage, ten words apart 0.1. On
     *     TIME its effect is within 0.001 of MAP (0 to 2); it matters for short queries on long articles.
     *   title_weight 2.0: an article whose title holds every wanted word gains about one more occurrence of
     *     two middling words; TIME has no titles, so this is by judgement, not measured.
     *   passages_weight 0.5: log-damped bonus for more matching passages (0 or 0.5: same MAP within 0.001).
     *   common_share 0.1: --any leaves out words in more than 10% of passages (MAP 0.626 -> 0.643 before the
     *     article-level score; 0.05 cuts real topic words of small collections: 0.614).
     * coverage_weight only picks the passage shown, so TIME cannot measure it (its MAP stays 0.706); chosen on
     * tests/eval/passage_answers.sh (41 questions over seeds + BBC, answer in the top passage / snippet):
     *   0: 24 / 19 of 41; 0.3, 1 and 2: 25 / 20. Counting every matched word's IDF instead of only the rarer
     *   than average ones: 23 / 19 (it rewards "how", "much"). */
    /* fb_docs 10, fb_terms 20, fb_lambda 0.6 (pseudo-relevance feedback, --any): TIME MAP 0.698 without it;
     * 10 words, lambda 0.7: 0.718; 20 / 0.6: 0.729; 30 / 0.6: 0.723; 20 / 0.5: 0.727. An article lends words by
     * exp((score - best) / article_weight): by its score's share instead (flatter): 0.672. */
    p->k1 = 1.2;
    p->b = 0.75;
    p->proximity_weight = 1.0;
    p->title_weight = 2.0;
    p->passages_weight = 0.5;
    p->article_weight = 10.0;
    p->common_share = 0.1;
    p->coverage_weight = 1.0;
    p->fb_docs = 10;
    p->fb_terms = 20;
    p->fb_lambda = 0.6;
}

typedef struct rank_param_name {
    const char *name;
    size_t offset;
} rank_param_name;

static const rank_param_name rank_param_names[] = {
    {"k1", offsetof(pc_rank_params, k1)},
    {"b", offsetof(pc_rank_params, b)},
    {"proximity", offsetof(pc_rank_params, proximity_weight)},
    {"title", offsetof(pc_rank_params, title_weight)},
    {"passages", offsetof(pc_rank_params, passages_weight)},
    {"article", offsetof(pc_rank_params, article_weight)},
    {"common", offsetof(pc_rank_params, common_share)},
    {"coverage", offsetof(pc_rank_params, coverage_weight)},
    {"fb_docs", offsetof(pc_rank_params, fb_docs)},
    {"fb_terms", offsetof(pc_rank_params, fb_terms)},
    {"fb_lambda", offsetof(pc_rank_params, fb_lambda)},
};

int pc_rank_params_parse(const char *text, pc_rank_params *p, pc_error *err)
{
    const char *item = text;
    while (*item) {
        size_t item_len = strcspn(item, ",");
        const char *eq = memchr(item, '=', item_len);
        if (item_len == 0) {
            item++;
            continue;
        }
        const rank_param_name *found = NULL;
        if (eq) {
            for (size_t i = 0; i < sizeof rank_param_names / sizeof rank_param_names[0]; i++)
                if (strlen(rank_param_names[i].name) == (size_t)(eq - item) &&
                    strncmp(rank_param_names[i].name, item, (size_t)(eq - item)) == 0)
                    found = &rank_param_names[i];
        }
        if (!found)
            return pc_error_set(err, PC_EINVAL,
                                "ranking parameters: '%.*s' is not one of k1=, b=, proximity=, title=, passages=, article=, common=, coverage=, fb_docs=, fb_terms=, fb_lambda=",
                                (int)item_len, item);
        char *end = NULL;
        errno = 0;
        double v = strtod(eq + 1, &end);
        if (errno || end != item + item_len || end == eq + 1 || !isfinite(v) || v < 0)
            return pc_error_set(err, PC_EINVAL, "ranking parameters: '%.*s' needs a number of 0 or more",
                                (int)item_len, item);
        *(double *)((char *)p + found->offset) = v;
        item += item_len;
        if (*item == ',')
            item++;
    }
    return PC_OK;
}
