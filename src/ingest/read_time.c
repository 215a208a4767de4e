/* read_time.c — placeholder, replaced by the TIME collection reader. */
#include "presscut/reader.h"
int pc_read_time(const pc_reader_input *in, pc_article_sink sink, pc_warn_fn warn, void *payload, pc_error *err)
{
    return pc_error_set(err, PC_EFORMAT, "the time reader is not built yet");
}
