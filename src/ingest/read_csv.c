/* read_csv.c — placeholder, replaced by the CSV reader. */
#include "presscut/reader.h"
int pc_read_csv(const pc_reader_input *in, pc_article_sink sink, pc_warn_fn warn, void *payload, pc_error *err)
{
    return pc_error_set(err, PC_EFORMAT, "the csv reader is not built yet");
}
int pc_read_tsv(const pc_reader_input *in, pc_article_sink sink, pc_warn_fn warn, void *payload, pc_error *err)
{
    return pc_error_set(err, PC_EFORMAT, "the tsv reader is not built yet");
}
