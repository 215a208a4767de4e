/* read_json.c — placeholder, replaced by the JSON reader. */
#include "presscut/reader.h"
int pc_read_json(const pc_reader_input *in, pc_article_sink sink, pc_warn_fn warn, void *payload, pc_error *err)
{
    return pc_error_set(err, PC_EFORMAT, "the json reader is not built yet");
}
int pc_read_jsonl(const pc_reader_input *in, pc_article_sink sink, pc_warn_fn warn, void *payload, pc_error *err)
{
    return pc_error_set(err, PC_EFORMAT, "the jsonl reader is not built yet");
}
