/* rank_params.c — reads ranking parameter overrides ("k1=1.2,b=0.75,...") for $PRESSCUT_RANK_PARAMS, so
 * that the evaluation can try values without rebuilding (see include/presscut/fts5/rank.h). */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "presscut/fts5/rank.h"

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
                                "ranking parameters: '%.*s' is not one of k1=, b=, proximity=, title=, passages=, article=, common=",
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
