/* read_sgml.c — placeholder, replaced by the Reuters SGML reader. */
#include "presscut/reader.h"
int pc_read_sgml(const pc_reader_input *in, pc_article_sink sink, pc_warn_fn warn, void *payload, pc_error *err)
{
    return pc_error_set(err, PC_EFORMAT, "the sgml reader is not built yet");
}
