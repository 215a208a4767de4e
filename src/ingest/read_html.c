/* read_html.c — the `html` reader: one article per web page, parsed with libxml2's forgiving HTML parser.
 * Finds the article's visible text (the best <article>/<main>/articleBody element, else <body>) without
 * navigation, scripts and other page furniture, and its title, date, url, source and language from the
 * page's meta tags, JSON-LD and markup. The rules are in include/presscut/ingest/reader.h (pc_read_html). */
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>

#include "presscut/ingest/passage.h"
#include "presscut/ingest/fields.h"
#include "presscut/ingest/reader.h"
#include "presscut/core/strbuf.h"
#include "presscut/core/utf8.h"

#define MAX_CANDIDATES 256     /* <article>/<main>/articleBody elements weighed; more are ignored */
#define JSONLD_MAX_DEPTH 12    /* how deep @graph and lists are followed */
#define TITLE_SUFFIX_MAX_WORDS 4

/* ---- small helpers ------------------------------------------------------------------------------------ */

static bool name_is(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->name && strcasecmp((const char *)n->name, name) == 0;
}

static bool name_in(const xmlNode *n, const char *const *names)
{
    if (!n || n->type != XML_ELEMENT_NODE || !n->name)
        return false;
    for (size_t i = 0; names[i]; i++)
        if (strcasecmp((const char *)n->name, names[i]) == 0)
            return true;
    return false;
}

/* The value of attribute `name` (compared ignoring case), pointing into the document, or NULL. An attribute
 * without a value is "". */
static const char *attr(const xmlNode *n, const char *name)
{
    if (!n || n->type != XML_ELEMENT_NODE)
        return NULL;
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        if (!a->name || strcasecmp((const char *)a->name, name) != 0)
            continue;
        if (!a->children)
            return "";
        if (a->children->type == XML_TEXT_NODE && a->children->content)
            return (const char *)a->children->content;
        return "";
    }
    return NULL;
}

/* Whether the space- or comma-separated list `list` holds `word` (ignoring case). */
static bool list_has(const char *list, const char *word)
{
    size_t wl = strlen(word);
    for (const char *p = list; p && *p;) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' || *p == ',')
            p++;
        const char *start = p;
        while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r' && *p != '\f' && *p != ',')
            p++;
        if ((size_t)(p - start) == wl && strncasecmp(start, word, wl) == 0)
            return true;
    }
    return false;
}

/* Whether two squeezed strings are equal ignoring case (Unicode case folding). */
static bool same_text(const char *a, size_t alen, const char *b, size_t blen)
{
    if (alen == blen && strncasecmp(a, b, alen) == 0)
        return true;
    if (alen > INT32_MAX / 2 || blen > INT32_MAX / 2)
        return false;
    UChar small_a[256], small_b[256];
    UChar *ua = alen < 256 ? small_a : malloc((alen + 1) * sizeof *ua);
    UChar *ub = blen < 256 ? small_b : malloc((blen + 1) * sizeof *ub);
    bool same = false;
    if (ua && ub) {
        UErrorCode st = U_ZERO_ERROR;
        int32_t la = 0, lb = 0;
        u_strFromUTF8(ua, (int32_t)alen + 1, &la, a, (int32_t)alen, &st);
        u_strFromUTF8(ub, (int32_t)blen + 1, &lb, b, (int32_t)blen, &st);
        if (U_SUCCESS(st))
            same = u_strCaseCompare(ua, la, ub, lb, U_FOLD_CASE_DEFAULT, &st) == 0 && U_SUCCESS(st);
    }
    if (ua != small_a)
        free(ua);
    if (ub != small_b)
        free(ub);
    return same;
}

/* ---- which elements are page furniture ------------------------------------------------------------------ */

static const char *const skipped_tags[] = {
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "button", "iframe",
    "svg", "math", "head", "title", "select", "textarea", "input", "label", "object", "embed", "canvas",
    "audio", "video", "map", "dialog", "frameset", "frame", "link", "meta", NULL};

static const char *const skipped_roles[] = {"navigation", "banner", "contentinfo", "complementary", "search",
                                            "menu", "menubar", "dialog", "alertdialog", NULL};

/* Whole words in a class or id that mark boilerplate (compared ignoring case). */
static const char *const boilerplate_words[] = {
    "share", "sharing", "social", "cookie", "cookies", "consent", "newsletter", "subscribe", "subscription",
    "related", "comments", "comment", "breadcrumb", "breadcrumbs", "advert", "advertisement", "ad", "ads",
    "promo", "sidebar", "menu", "footer", "header", "nav", "navbar", "navigation", "popup", "modal", NULL};

/* Block elements: their start and end separate paragraphs. */
static const char *const block_tags[] = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "tr", "section", "article",
    "main", "ul", "ol", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "caption", "figure",
    "figcaption", "address", "hr", "center", "details", "summary", "fieldset", "legend", "hgroup", "body",
    "html", "nav", "header", "footer", "aside", "form", "noscript", "dialog", "listing", "xmp", "menu", NULL};

/* Cells: their boundaries separate words. */
static const char *const cell_tags[] = {"td", "th", NULL};

/* Whether a class or id value holds one of `words`, as a whole word between white space, '-' and '_'
 * ("share-buttons", "site_footer"; not "shared" or "headerless"). */
static bool has_word(const char *value, const char *const *words)
{
    if (!value)
        return false;
    const char *p = value;
    while (*p) {
        while (*p && !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
            p++;
        const char *start = p;
        while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'))
            p++;
        size_t len = (size_t)(p - start);
        if (len == 0)
            break;
        /* only words bounded by space, '-', '_' (or the ends) count: "ad2" or "ad.x" are not "ad" */
        bool bounded = (start == value || start[-1] == '-' || start[-1] == '_' || start[-1] == ' ' ||
                        start[-1] == '\t' || start[-1] == '\n') &&
                       (*p == '\0' || *p == '-' || *p == '_' || *p == ' ' || *p == '\t' || *p == '\n');
        if (!bounded)
            continue;
        for (size_t i = 0; words[i]; i++)
            if (strlen(words[i]) == len && strncasecmp(start, words[i], len) == 0)
                return true;
    }
    return false;
}

/* An element that may hold the article: <article>, <main>, or one with itemprop=articleBody. */
static bool is_candidate(const xmlNode *n)
{
    if (n->type != XML_ELEMENT_NODE)
        return false;
    if (name_is(n, "article") || name_is(n, "main"))
        return true;
    const char *ip = attr(n, "itemprop");
    return ip && list_has(ip, "articleBody");
}

/* Whether an element's text is page furniture rather than article text. The class/id rule is not applied
 * to the article candidates themselves ("post has-comments" on an <article> is not a comments box). */
static bool is_furniture(const xmlNode *n)
{
    if (n->type != XML_ELEMENT_NODE)
        return false;
    if (name_in(n, skipped_tags))
        return true;
    if (attr(n, "hidden"))
        return true;
    const char *aria = attr(n, "aria-hidden");
    if (aria && strcasecmp(aria, "true") == 0)
        return true;
    const char *style = attr(n, "style");
    if (style) {
        /* display:none, with any spacing and case */
        char compact[64];
        size_t o = 0;
        for (const char *p = style; *p && o < sizeof compact - 1; p++)
            if (*p != ' ' && *p != '\t' && *p != '\n')
                compact[o++] = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
        compact[o] = '\0';
        if (strstr(compact, "display:none"))
            return true;
    }
    const char *role = attr(n, "role");
    if (role)
        for (size_t i = 0; skipped_roles[i]; i++)
            if (list_has(role, skipped_roles[i]))
                return true;
    if (is_candidate(n))
        return false;
    return has_word(attr(n, "class"), boilerplate_words) || has_word(attr(n, "id"), boilerplate_words);
}

/* ---- tree walks ---------------------------------------------------------------------------------------------- */

/* Walks the descendants of root in document order without recursion (pages can nest very deep). enter
 * says whether to go into a node's children; leave is called when a node is done, with whether it was
 * entered. */
typedef bool (*enter_fn)(void *ctx, const xmlNode *n);
typedef void (*leave_fn)(void *ctx, const xmlNode *n, bool entered);

static void walk(const xmlNode *root, enter_fn enter, leave_fn leave, void *ctx)
{
    const xmlNode *n = root ? root->children : NULL;
    while (n) {
        bool entered = enter(ctx, n);
        if (entered && n->children) {
            n = n->children;
            continue;
        }
        if (leave)
            leave(ctx, n, entered);
        while (!n->next) {
            n = n->parent;
            if (!n || n == root)
                return;
            if (leave)
                leave(ctx, n, true);
        }
        n = n->next;
    }
}

/* Counting the visible text under a candidate (non-space bytes), and finding the candidates. */
typedef struct weigh {
    size_t bytes;
    const xmlNode *candidates[MAX_CANDIDATES];
    size_t n_candidates;
} weigh;

static size_t visible_bytes(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += !(*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f' || *s == '\v');
    return n;
}

static bool weigh_enter(void *ctx, const xmlNode *n)
{
    weigh *w = ctx;
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        if (n->content)
            w->bytes += visible_bytes((const char *)n->content);
        return false;
    }
    if (n->type != XML_ELEMENT_NODE || is_furniture(n))
        return false;
    if (is_candidate(n) && w->n_candidates < MAX_CANDIDATES)
        w->candidates[w->n_candidates++] = n;
    return true;
}

/* Text extraction: paragraphs at block boundaries, white space runs made one space. */
typedef struct extract {
    pc_strbuf out;
    int space;  /* pending white space: 0 none, 1 only non-ASCII spaces (kept as `keep`), 2 a plain space */
    char keep[4];
    size_t keep_len;
    bool brk;   /* a paragraph break is pending */
    int pre;    /* depth inside <pre>, where line ends break paragraphs */
} extract;

static void emit_text(extract *ex, const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        if (s[i] == '\n' && ex->pre > 0) {
            ex->brk = true;
            i++;
            continue;
        }
        size_t sp = pc_utf8_space_len(s + i, len - i);
        if (sp) {
            if ((unsigned char)s[i] < 0x80) {
                ex->space = 2;
            } else if (ex->space == 0) {
                ex->space = 1;
                memcpy(ex->keep, s + i, sp);
                ex->keep_len = sp;
            }
            i += sp;
            continue;
        }
        if (ex->out.len > 0) {
            if (ex->brk)
                pc_strbuf_add(&ex->out, "\n\n", 2);
            else if (ex->space == 2)
                pc_strbuf_add(&ex->out, " ", 1);
            else if (ex->space == 1)
                pc_strbuf_add(&ex->out, ex->keep, ex->keep_len);
        }
        ex->brk = false;
        ex->space = 0;
        size_t run = i + 1;
        while (run < len && (unsigned char)s[run] > ' ' && (unsigned char)s[run] < 0x80)
            run++;
        pc_strbuf_add(&ex->out, s + i, run - i);
        i = run;
    }
}

static bool extract_enter(void *ctx, const xmlNode *n)
{
    extract *ex = ctx;
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        if (n->content)
            emit_text(ex, (const char *)n->content, strlen((const char *)n->content));
        return false;
    }
    if (n->type != XML_ELEMENT_NODE)
        return false;
    if (is_furniture(n)) {
        if (name_in(n, block_tags))
            ex->brk = true;
        else if (ex->space == 0)
            ex->space = 2;
        return false;
    }
    if (name_is(n, "br") || name_in(n, block_tags))
        ex->brk = true;
    else if (name_in(n, cell_tags))
        ex->space = 2;
    if (name_is(n, "pre"))
        ex->pre++;
    return true;
}

static void extract_leave(void *ctx, const xmlNode *n, bool entered)
{
    extract *ex = ctx;
    if (!entered || n->type != XML_ELEMENT_NODE)
        return;
    if (name_in(n, block_tags))
        ex->brk = true;
    else if (name_in(n, cell_tags))
        ex->space = 2;
    if (name_is(n, "pre") && ex->pre > 0)
        ex->pre--;
}

/* ---- metadata ---------------------------------------------------------------------------------------------- */

enum { DATE_META_ARTICLE, DATE_META_NAME, DATE_ITEMPROP, DATE_TIME, DATE_JSONLD, DATE_SOURCES };

typedef struct page_meta {
    const char *html_lang;
    const char *og_title, *og_site_name, *og_url, *canonical;
    const char *date[DATE_SOURCES]; /* the first value from each source, in order of preference */
    char *title_tag;                /* <title>, squeezed */
    char *h1;                       /* first <h1>, squeezed */
    char *jsonld_date;              /* datePublished of an Article-typed object, else of any object */
    char *jsonld_publisher;         /* publisher.name */
    bool jsonld_date_typed;
    const xmlNode *body;
    long bad_jsonld_line;           /* line of the first <script type=application/ld+json> not understood */
    bool nomem;
} page_meta;

static const char *const date_meta_names[] = {
    "date", "pubdate", "publishdate", "publish-date", "publication_date", "dc.date", "dc.date.issued",
    "dcterms.created", "dcterms.issued", "sailthru.date", "parsely-pub-date", "og:published_time", NULL};

static char *node_text(const xmlNode *n)
{
    xmlChar *content = xmlNodeGetContent(n);
    if (!content)
        return NULL;
    char *s = pc_utf8_squeeze_spaces((const char *)content, strlen((const char *)content));
    xmlFree(content);
    return s;
}

static bool article_type(const char *t)
{
    return strstr(t, "Article") || strstr(t, "BlogPosting");
}

/* Whether a JSON-LD object's @type (a string or a list) is an article: NewsArticle, BlogPosting, ... */
static bool jsonld_is_article(const json_t *obj)
{
    const json_t *type = json_object_get(obj, "@type");
    if (json_is_string(type))
        return article_type(json_string_value(type));
    if (json_is_array(type)) {
        size_t i;
        const json_t *v;
        json_array_foreach(type, i, v) {
            if (json_is_string(v) && article_type(json_string_value(v)))
                return true;
        }
    }
    return false;
}

/* The object with "@id" == id somewhere under v (for publisher references inside @graph). */
static const json_t *jsonld_find_id(const json_t *v, const char *id, int depth)
{
    if (depth > JSONLD_MAX_DEPTH)
        return NULL;
    if (json_is_array(v)) {
        size_t i;
        const json_t *item;
        json_array_foreach(v, i, item) {
            const json_t *found = jsonld_find_id(item, id, depth + 1);
            if (found)
                return found;
        }
    } else if (json_is_object(v)) {
        const json_t *own = json_object_get(v, "@id");
        if (json_is_string(own) && strcmp(json_string_value(own), id) == 0 && json_object_get(v, "name"))
            return v;
        return jsonld_find_id(json_object_get(v, "@graph"), id, depth + 1);
    }
    return NULL;
}

/* publisher.name: publisher may be a string, an object (or a reference by @id), or a list of them. */
static const char *jsonld_publisher_name(const json_t *pub, const json_t *root, int depth)
{
    if (depth > 3)
        return NULL;
    if (json_is_string(pub))
        return json_string_value(pub);
    if (json_is_array(pub))
        return json_array_size(pub) ? jsonld_publisher_name(json_array_get(pub, 0), root, depth + 1) : NULL;
    if (!json_is_object(pub))
        return NULL;
    const json_t *name = json_object_get(pub, "name");
    if (json_is_string(name))
        return json_string_value(name);
    const json_t *id = json_object_get(pub, "@id");
    if (json_is_string(id)) {
        const json_t *target = jsonld_find_id(root, json_string_value(id), 0);
        if (target && target != pub)
            return jsonld_publisher_name(target, root, depth + 1);
    }
    return NULL;
}

static void set_copy(char **slot, const char *value, page_meta *m)
{
    if (*slot || !value || !*value)
        return;
    *slot = pc_utf8_squeeze_spaces(value, strlen(value));
    if (!*slot)
        m->nomem = true;
}

static void jsonld_scan(const json_t *v, const json_t *root, int depth, page_meta *m)
{
    if (depth > JSONLD_MAX_DEPTH)
        return;
    if (json_is_array(v)) {
        size_t i;
        const json_t *item;
        json_array_foreach(v, i, item) jsonld_scan(item, root, depth + 1, m);
        return;
    }
    if (!json_is_object(v))
        return;
    bool article = jsonld_is_article(v);
    const json_t *date = json_object_get(v, "datePublished");
    if (json_is_string(date) && *json_string_value(date)) {
        if (article && !m->jsonld_date_typed) {
            free(m->jsonld_date);
            m->jsonld_date = NULL;
            set_copy(&m->jsonld_date, json_string_value(date), m);
            m->jsonld_date_typed = true;
        } else if (!m->jsonld_date) {
            set_copy(&m->jsonld_date, json_string_value(date), m);
        }
    }
    const char *publisher = jsonld_publisher_name(json_object_get(v, "publisher"), root, 0);
    set_copy(&m->jsonld_publisher, publisher, m);
    jsonld_scan(json_object_get(v, "@graph"), root, depth + 1, m);
    jsonld_scan(json_object_get(v, "mainEntity"), root, depth + 1, m);
    jsonld_scan(json_object_get(v, "itemListElement"), root, depth + 1, m);
}

static void read_jsonld(const xmlNode *script, page_meta *m)
{
    xmlChar *content = xmlNodeGetContent(script);
    if (!content)
        return;
    const char *s = (const char *)content;
    size_t len = strlen(s);
    /* wrappers some sites put around the JSON */
    for (;;) {
        while (len && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
            s++, len--;
        if (len >= 4 && strncmp(s, "<!--", 4) == 0)
            s += 4, len -= 4;
        else if (len >= 11 && strncmp(s, "//<![CDATA[", 11) == 0)
            s += 11, len -= 11;
        else if (len >= 9 && strncmp(s, "<![CDATA[", 9) == 0)
            s += 9, len -= 9;
        else
            break;
    }
    for (;;) {
        while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' || s[len - 1] == '\r' ||
                       s[len - 1] == ';'))
            len--;
        if (len >= 3 && strncmp(s + len - 3, "-->", 3) == 0)
            len -= 3;
        else if (len >= 5 && strncmp(s + len - 5, "//]]>", 5) == 0)
            len -= 5;
        else if (len >= 3 && strncmp(s + len - 3, "]]>", 3) == 0)
            len -= 3;
        else
            break;
    }
    if (len) {
        json_error_t jerr;
        json_t *root = json_loadb(s, len, 0, &jerr);
        if (root) {
            jsonld_scan(root, root, 0, m);
            json_decref(root);
        } else if (!m->bad_jsonld_line) {
            long line = xmlGetLineNo(script);
            m->bad_jsonld_line = line > 0 ? line : -1;
        }
    }
    xmlFree(content);
}

static bool meta_enter(void *ctx, const xmlNode *n)
{
    page_meta *m = ctx;
    if (n->type != XML_ELEMENT_NODE)
        return false;
    const char *name = (const char *)n->name;
    if (!name)
        return true;
    if (strcasecmp(name, "html") == 0) {
        if (!m->html_lang) {
            const char *lang = attr(n, "lang");
            m->html_lang = lang && *lang ? lang : attr(n, "xml:lang");
        }
    } else if (strcasecmp(name, "body") == 0) {
        if (!m->body)
            m->body = n;
    } else if (strcasecmp(name, "title") == 0) {
        if (!m->title_tag && !m->nomem) {
            m->title_tag = node_text(n);
            m->nomem = !m->title_tag;
        }
        return false;
    } else if (strcasecmp(name, "h1") == 0) {
        if (!m->h1 && !m->nomem) {
            m->h1 = node_text(n);
            m->nomem = !m->h1;
        }
    } else if (strcasecmp(name, "meta") == 0) {
        const char *content = attr(n, "content");
        if (!content || !*content)
            return false;
        const char *prop = attr(n, "property");
        const char *mname = attr(n, "name");
        const char *keys[2] = {prop, mname};
        for (int k = 0; k < 2; k++) {
            const char *key = keys[k];
            if (!key)
                continue;
            if (!m->og_title && strcasecmp(key, "og:title") == 0)
                m->og_title = content;
            else if (!m->og_site_name && strcasecmp(key, "og:site_name") == 0)
                m->og_site_name = content;
            else if (!m->og_url && strcasecmp(key, "og:url") == 0)
                m->og_url = content;
            else if (!m->date[DATE_META_ARTICLE] && strcasecmp(key, "article:published_time") == 0)
                m->date[DATE_META_ARTICLE] = content;
            else if (!m->date[DATE_META_NAME])
                for (size_t i = 0; date_meta_names[i]; i++)
                    if (strcasecmp(key, date_meta_names[i]) == 0)
                        m->date[DATE_META_NAME] = content;
        }
    } else if (strcasecmp(name, "link") == 0) {
        const char *rel = attr(n, "rel");
        const char *href = attr(n, "href");
        if (!m->canonical && rel && href && *href && list_has(rel, "canonical"))
            m->canonical = href;
        return false;
    } else if (strcasecmp(name, "script") == 0) {
        const char *type = attr(n, "type");
        if (type && strncasecmp(type, "application/ld+json", 19) == 0 && !m->nomem)
            read_jsonld(n, m);
        return false;
    }
    if (!m->date[DATE_ITEMPROP]) {
        const char *ip = attr(n, "itemprop");
        if (ip && list_has(ip, "datePublished")) {
            const char *v = attr(n, "content");
            if (!v || !*v)
                v = attr(n, "datetime");
            if (v && *v)
                m->date[DATE_ITEMPROP] = v;
            else if (n->children && n->children->type == XML_TEXT_NODE && n->children->content)
                m->date[DATE_ITEMPROP] = (const char *)n->children->content;
        }
    }
    return true;
}

/* The first <time datetime> inside the article, not inside asides, related links, comments and the like
 * (the article's own <header>, where the date usually is, counts). */
typedef struct time_search {
    const char *datetime;
} time_search;

static bool time_enter(void *ctx, const xmlNode *n)
{
    time_search *t = ctx;
    if (t->datetime || n->type != XML_ELEMENT_NODE)
        return false;
    if (name_is(n, "time")) {
        const char *dt = attr(n, "datetime");
        if (dt && *dt) {
            t->datetime = dt;
            return false;
        }
    }
    static const char *const header_word[] = {"header", NULL};
    if (name_is(n, "header") || has_word(attr(n, "class"), header_word) || has_word(attr(n, "id"), header_word)) {
        /* the article's own header, not the site's banner at the top of the page */
        const char *role = attr(n, "role");
        return !name_is(n->parent, "body") && !(role && list_has(role, "banner"));
    }
    return !is_furniture(n);
}

/* ---- title ---------------------------------------------------------------------------------------------------- */

static const char *const title_separators[] = {" | ", " - ", " – ", " — ", " · ", " :: ", " » ", " / ", NULL};

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Removes a trailing " | Site Name" (or " - ", " – ", ...) from a squeezed <title>, in place: when the
 * suffix is the page's og:site_name, or when it is at most four words and its separator appears only once
 * (not between digits, as in a score "2 - 1"). A leading "Site Name | " is removed when it is og:site_name.
 * `short_rule` allows the second case. */
static void strip_site_name(char *title, const char *site_name, bool short_rule)
{
    char *site = site_name ? pc_utf8_squeeze_spaces(site_name, strlen(site_name)) : NULL;
    size_t tlen = strlen(title);
    const char *best = NULL;
    size_t best_sep = 0;
    int best_count = 0;
    for (size_t i = 0; title_separators[i]; i++) {
        const char *sep = title_separators[i];
        size_t sl = strlen(sep);
        int count = 0;
        const char *last = NULL;
        for (const char *p = strstr(title, sep); p; p = strstr(p + sl, sep)) {
            count++;
            last = p;
        }
        if (last && (!best || last > best)) {
            best = last;
            best_sep = sl;
            best_count = count;
        }
    }
    /* "Site Name | Title" */
    if (site && *site) {
        size_t sl = strlen(site);
        for (size_t i = 0; title_separators[i]; i++) {
            size_t pl = strlen(title_separators[i]);
            if (tlen > sl + pl && strncmp(title + sl, title_separators[i], pl) == 0 && same_text(title, sl, site, sl)) {
                memmove(title, title + sl + pl, tlen - sl - pl + 1);
                free(site);
                return;
            }
        }
    }
    if (best && best > title) {
        const char *suffix = best + best_sep;
        size_t slen = tlen - (size_t)(suffix - title);
        bool strip = false;
        if (site && same_text(suffix, slen, site, strlen(site)))
            strip = true;
        else if (short_rule && best_count == 1 && slen > 0 && pc_count_words(suffix, slen) <= TITLE_SUFFIX_MAX_WORDS &&
                 !(is_digit(best[-1]) && is_digit(*suffix)))
            strip = true;
        if (strip) {
            title[best - title] = '\0';
            free(site);
            return;
        }
    }
    free(site);
}

/* ---- the reader ------------------------------------------------------------------------------------------------ */

static void warn_at(pc_warn_fn warn, void *payload, const char *path, long line, const char *msg)
{
    if (warn)
        warn(payload, path, line, msg);
}

/* Whether the text has any HTML markup: '<' followed by a tag name (or "!doctype", "!--"). */
static bool has_markup(const char *s, size_t len)
{
    for (const char *p = memchr(s, '<', len); p; p = memchr(p + 1, '<', len - (size_t)(p + 1 - s))) {
        size_t left = len - (size_t)(p - s);
        if ((left >= 4 && strncmp(p, "<!--", 4) == 0) || (left >= 9 && strncasecmp(p, "<!doctype", 9) == 0))
            return true;
        size_t i = 1;
        if (i < left && p[i] == '/')
            i++;
        size_t name = i;
        while (i < left && ((p[i] >= 'a' && p[i] <= 'z') || (p[i] >= 'A' && p[i] <= 'Z') ||
                            (i > name && is_digit(p[i]))))
            i++;
        if (i > name && (i == left || p[i] == '>' || p[i] == ' ' || p[i] == '/' || p[i] == '\n' || p[i] == '\t' ||
                         p[i] == '\r'))
            return true;
        if (p + 1 >= s + len)
            break;
    }
    return false;
}

/* Whether a page that opens <html> never closes it: it was cut short. */
static bool looks_truncated(const char *s, size_t len)
{
    bool opened = false;
    for (const char *p = memchr(s, '<', len); p; p = memchr(p + 1, '<', len - (size_t)(p + 1 - s))) {
        size_t left = len - (size_t)(p - s);
        if (left >= 6 && strncasecmp(p, "</html", 6) == 0)
            return false;
        if (left >= 5 && strncasecmp(p, "<html", 5) == 0)
            opened = true;
        if (p + 1 >= s + len)
            break;
    }
    return opened;
}

static long count_lines(const char *s, size_t len)
{
    long lines = 1;
    for (const char *p = memchr(s, '\n', len); p; p = memchr(p + 1, '\n', len - (size_t)(p + 1 - s))) {
        if (p + 1 >= s + len)
            break;
        lines++;
    }
    return lines;
}

static void page_meta_clear(page_meta *m)
{
    free(m->title_tag);
    free(m->h1);
    free(m->jsonld_date);
    free(m->jsonld_publisher);
}

/* Fills title, date, url, source and lang. Returns 0 or PC_ENOMEM. */
static int set_metadata(pc_article *a, page_meta *m, const pc_reader_input *in, pc_warn_fn warn, void *payload)
{
    /* title */
    if (m->og_title && *m->og_title) {
        char *t = pc_utf8_squeeze_spaces(m->og_title, strlen(m->og_title));
        if (!t)
            return PC_ENOMEM;
        strip_site_name(t, m->og_site_name, false);
        if (*t)
            a->title = t;
        else
            free(t);
    }
    if (!a->title && m->title_tag && *m->title_tag) {
        strip_site_name(m->title_tag, m->og_site_name, true);
        if (*m->title_tag) {
            a->title = m->title_tag;
            m->title_tag = NULL;
        }
    }
    if (!a->title && m->h1 && *m->h1) {
        a->title = m->h1;
        m->h1 = NULL;
    }

    /* date: the first source whose value is understood */
    const char *dates[DATE_SOURCES];
    memcpy(dates, m->date, sizeof dates);
    dates[DATE_JSONLD] = m->jsonld_date;
    char why[256] = "";
    for (int i = 0; i < DATE_SOURCES && !a->published; i++) {
        if (!dates[i])
            continue;
        char this_why[256];
        int rc = pc_article_set_field(a, PC_FIELD_DATE, dates[i], strlen(dates[i]), this_why, sizeof this_why);
        if (rc < 0)
            return rc;
        if (rc == 1 && !why[0])
            snprintf(why, sizeof why, "%s", this_why);
    }
    if (!a->published && why[0])
        warn_at(warn, payload, in->path, 0, why);

    /* url */
    const char *urls[2] = {m->og_url, m->canonical};
    for (int i = 0; i < 2 && !a->url; i++) {
        if (urls[i] && strstr(urls[i], "://")) {
            int rc = pc_article_set_field(a, PC_FIELD_URL, urls[i], strlen(urls[i]), NULL, 0);
            if (rc < 0)
                return rc;
        }
    }

    /* source */
    const char *sources[2] = {m->og_site_name, m->jsonld_publisher};
    for (int i = 0; i < 2 && !a->source; i++) {
        if (sources[i]) {
            int rc = pc_article_set_field(a, PC_FIELD_SOURCE, sources[i], strlen(sources[i]), NULL, 0);
            if (rc < 0)
                return rc;
        }
    }

    /* lang: only a code or name pc_language_code understands */
    if (m->html_lang && *m->html_lang) {
        char code[3];
        const char *lang = pc_language_code(m->html_lang, strlen(m->html_lang), code);
        if (lang) {
            a->lang = strdup(lang);
            if (!a->lang)
                return PC_ENOMEM;
        }
    }
    return PC_OK;
}

/* Drops the first paragraph when it repeats the title (ignoring case and white space). */
static void drop_title_paragraph(pc_strbuf *body, const char *title)
{
    if (!title || !body->data)
        return;
    char *end = strstr(body->data, "\n\n");
    size_t first = end ? (size_t)(end - body->data) : body->len;
    char *para = pc_utf8_squeeze_spaces(body->data, first);
    bool same = para && same_text(para, strlen(para), title, strlen(title));
    free(para);
    if (!same)
        return;
    size_t cut = end ? first + 2 : first;
    memmove(body->data, body->data + cut, body->len - cut + 1);
    body->len -= cut;
}

int pc_read_html(const pc_reader_input *in, pc_article_sink sink, pc_warn_fn warn, void *payload, pc_error *err)
{
    if (!in || !sink || (!in->text && in->text_len))
        return pc_error_set(err, PC_EINVAL, "html reader: no input text or no article sink");
    const char *text = in->text ? in->text : "";
    size_t len = in->text ? in->text_len : 0;
    if (len > INT_MAX)
        return pc_error_set(err, PC_EFORMAT, "page of %zu bytes is too large for the html parser", len);
    if (!has_markup(text, len)) {
        warn_at(warn, payload, in->path, 0, "no HTML markup in the file: not a web page");
        return 0;
    }

    xmlInitParser();
    /* NOBLANKS is left out on purpose: it drops white space between some inline elements (<time>a</time>
     * <em>b</em>), gluing words; runs of white space are squeezed here anyway. IGNORE_ENC: the text is
     * UTF-8 already, whatever a <meta charset> says. */
    int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                  HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT | XML_PARSE_HUGE;
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    if (!ctxt)
        return PC_ENOMEM;
    htmlDocPtr doc = htmlCtxtReadMemory(ctxt, text, (int)len, NULL, "UTF-8", options);
    const xmlError *perr = xmlCtxtGetLastError(ctxt);
    int perr_code = perr ? perr->code : 0;
    long perr_line = perr && perr->line > 0 ? perr->line : 0;
    htmlFreeParserCtxt(ctxt);
    if (perr_code == XML_ERR_NO_MEMORY) {
        xmlFreeDoc(doc);
        return PC_ENOMEM;
    }
    if (!doc) {
        warn_at(warn, payload, in->path, perr_line, "no article text in the page (it cannot be parsed as HTML)");
        return 0;
    }
    /* Recovery handles broken markup; an internal error means the parser gave up part way. */
    if (perr_code == XML_ERR_INTERNAL_ERROR)
        warn_at(warn, payload, in->path, perr_line, "the HTML parser gave up here; the rest of the page is not read");

    int rc = PC_OK;
    pc_article a = {0};
    page_meta m = {0};
    extract ex = {0};
    weigh *w = calloc(1, sizeof *w);
    if (!w) {
        rc = PC_ENOMEM;
        goto done;
    }
    walk((const xmlNode *)doc, meta_enter, NULL, &m);
    if (m.nomem) {
        rc = PC_ENOMEM;
        goto done;
    }
    if (m.bad_jsonld_line)
        warn_at(warn, payload, in->path, m.bad_jsonld_line > 0 ? m.bad_jsonld_line : 0,
                "JSON-LD script is not valid JSON; ignored");
    if (!m.body) {
        warn_at(warn, payload, in->path, 0, "no article text in the page (no <body>)");
        goto done;
    }

    /* the container: the candidate with the most visible text, else <body> */
    walk(m.body, weigh_enter, NULL, w);
    const xmlNode *container = m.body;
    size_t best = 0;
    size_t n_candidates = w->n_candidates;
    const xmlNode *candidates[MAX_CANDIDATES];
    memcpy(candidates, w->candidates, n_candidates * sizeof *candidates);
    for (size_t i = 0; i < n_candidates; i++) {
        w->bytes = 0;
        w->n_candidates = MAX_CANDIDATES; /* no more collecting */
        walk(candidates[i], weigh_enter, NULL, w);
        if (w->bytes > best) {
            best = w->bytes;
            container = candidates[i];
        }
    }

    time_search ts = {0};
    walk(container, time_enter, NULL, &ts);
    m.date[DATE_TIME] = ts.datetime;

    walk(container, extract_enter, extract_leave, &ex);
    if (ex.out.failed) {
        rc = PC_ENOMEM;
        goto done;
    }
    rc = set_metadata(&a, &m, in, warn, payload);
    if (rc != PC_OK)
        goto done;
    drop_title_paragraph(&ex.out, a.title);
    if (ex.out.len == 0) {
        warn_at(warn, payload, in->path, 0,
                "no article text in the page (nothing in <body> but navigation, scripts and other page furniture)");
        goto done;
    }
    if (looks_truncated(text, len))
        warn_at(warn, payload, in->path, count_lines(text, len),
                "page is cut short (no closing </html>): its text is read as far as it goes");
    a.body = ex.out.data;
    a.body_len = ex.out.len;
    ex.out.data = NULL;
    rc = sink(payload, &a);

done:
    pc_article_clear(&a);
    page_meta_clear(&m);
    free(ex.out.data);
    free(w);
    xmlFreeDoc(doc);
    return rc;
}
