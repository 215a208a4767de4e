/* test_read_html.c — unit tests of the `html` reader on inline pages: title sources and site-name
 * suffixes, every date source (meta tags, itemprop, <time>, JSON-LD with @graph and lists), url, source
 * and lang, page furniture removed by element and by class/id/role, the choice of the article element,
 * paragraphs, inline elements, <br>, entities and white space, and broken pages (no body, truncated,
 * empty, junk, a huge attribute, deep nesting, a foreign <meta charset>). */
#include "presscut/ingest/reader.h"

#include "harness.h"
#include "reader_results.h"

typedef read_result result;

static void read_html(const char *html, result *res)
{
    read_result_run(res, pc_read_html, "test.html", html, strlen(html), NULL, 0, 0);
}

/* A page with this head and body. */
static void read_page(const char *head, const char *body, result *res)
{
    static char buf[1 << 16];
    snprintf(buf, sizeof buf, "<!DOCTYPE html><html><head>%s</head><body>%s</body></html>", head, body);
    read_html(buf, res);
}

static void test_basic_article(void)
{
    result r;
    read_page("<title>Plain title</title>", "<p>First paragraph.</p><p>Second   paragraph\n here.</p>", &r);
    CHECK_INT_EQ(r.rc, 0);
    CHECK_INT_EQ(r.articles, 1);
    CHECK_STR_EQ(r.a[0].title, "Plain title");
    CHECK_STR_EQ(r.a[0].body, "First paragraph.\n\nSecond paragraph here.");
    CHECK_INT_EQ(r.a[0].body_len, strlen(r.a[0].body));
    CHECK(r.a[0].published == NULL && r.a[0].source == NULL && r.a[0].url == NULL && r.a[0].lang == NULL);
    CHECK(r.a[0].record == NULL && r.a[0].passages == NULL && r.a[0].n_passages == 0);
    CHECK_INT_EQ(r.warnings, 0);
    read_result_done(&r);

    /* the sink's non-zero value is returned */
    const char *page = "<html><body><p>Text.</p></body></html>";
    read_result_run(&r, pc_read_html, "test.html", page, strlen(page), NULL, 1, 5);
    CHECK_INT_EQ(r.rc, 5);
    read_result_done(&r);
}

static void test_titles(void)
{
    result r;
    /* og:title wins over <title> and <h1> */
    read_page("<title>Tag title | Site</title><meta property=\"og:title\" content=\"  OG   title \">",
              "<h1>Heading</h1><p>Text.</p>", &r);
    CHECK_STR_EQ(r.a[0].title, "OG title");
    CHECK_STR_EQ(r.a[0].body, "Heading\n\nText.");
    read_result_done(&r);

    /* suffix named by og:site_name, even when long and with the separator twice */
    read_page("<title>Mayor - wins again - The Very Long Name of a Daily Paper</title>"
              "<meta property=\"og:site_name\" content=\"The very long name of a daily paper\">",
              "<p>Text.</p>", &r);
    CHECK_STR_EQ(r.a[0].title, "Mayor - wins again");
    CHECK_STR_EQ(r.a[0].source, "The very long name of a daily paper");
    read_result_done(&r);

    /* a prefix named by og:site_name; og:title with the site name after it */
    read_page("<title>Daily Planet | Flood warning lifted</title><meta property=og:site_name content=\"Daily Planet\">",
              "<p>Text.</p>", &r);
    CHECK_STR_EQ(r.a[0].title, "Flood warning lifted");
    read_result_done(&r);
    read_page("<meta property=og:title content=\"Flood warning lifted — Daily Planet\">"
              "<meta property=og:site_name content=\"Daily Planet\">",
              "<p>Text.</p>", &r);
    CHECK_STR_EQ(r.a[0].title, "Flood warning lifted");
    read_result_done(&r);

    /* a short suffix after a separator that appears once */
    read_page("<title>Council approves budget | Lakeshore Observer</title>", "<p>Text.</p>", &r);
    CHECK_STR_EQ(r.a[0].title, "Council approves budget");
    read_result_done(&r);
    read_page("<title>Council approves budget – Observer</title>", "<p>Text.</p>", &r);
    CHECK_STR_EQ(r.a[0].title, "Council approves budget");
    read_result_done(&r);
    /* kept: a long suffix, a separator twice, a score, a separator without spaces */
    read_page("<title>Council approves budget - after a long night of talks</title>", "<p>Text.</p>", &r);
    CHECK_STR_EQ(r.a[0].title, "Council approves budget - after a long night of talks");
    read_result_done(&r);
    read_page("<title>News | City | Observer</title>", "<p>Text.</p>", &r);
    CHECK_STR_EQ(r.a[0].title, "News | City | Observer");
    read_result_done(&r);
    read_page("<title>Rovers 2 - 1 United</title>", "<p>Text.</p>", &r);
    CHECK_STR_EQ(r.a[0].title, "Rovers 2 - 1 United");
    read_result_done(&r);
    read_page("<title>Low-cost flights return</title>", "<p>Text.</p>", &r);
    CHECK_STR_EQ(r.a[0].title, "Low-cost flights return");
    read_result_done(&r);

    /* no og:title, no <title>: the first <h1>, which is then not repeated in the body */
    read_page("", "<div class=\"story\"><h1>The <em>h1</em>   title</h1><p>Body text.</p></div>", &r);
    CHECK_STR_EQ(r.a[0].title, "The h1 title");
    CHECK_STR_EQ(r.a[0].body, "Body text.");
    read_result_done(&r);

    /* the first paragraph equal to the title (case and spaces aside) is dropped; a different one stays */
    read_page("<title>Bridge Reopens | Gazette</title>", "<h2>bridge  reopens</h2><p>Cars crossed again.</p>", &r);
    CHECK_STR_EQ(r.a[0].title, "Bridge Reopens");
    CHECK_STR_EQ(r.a[0].body, "Cars crossed again.");
    read_result_done(&r);
    read_page("<title>Мост открыт</title>", "<p>МОСТ ОТКРЫТ</p><p>Машины снова ездят.</p>", &r);
    CHECK_STR_EQ(r.a[0].body, "Машины снова ездят.");
    read_result_done(&r);
    read_page("<title>Bridge reopens</title>", "<p>Bridge reopens after repairs.</p>", &r);
    CHECK_STR_EQ(r.a[0].body, "Bridge reopens after repairs.");
    read_result_done(&r);

    /* no title at all */
    read_page("", "<p>Only text.</p>", &r);
    CHECK(r.a[0].title == NULL);
    CHECK_STR_EQ(r.a[0].body, "Only text.");
    read_result_done(&r);
}

static void test_dates_meta(void)
{
    result r;
    read_page("<meta property=\"article:published_time\" content=\"2022-02-15T16:40:00+02:00\">"
              "<meta name=\"date\" content=\"2021-01-01\">",
              "<p>Text.</p>", &r);
    CHECK_STR_EQ(r.a[0].published, "2022-02-15");
    read_result_done(&r);

    static const char *const names[] = {"date", "pubdate", "publishdate", "DC.date", "dcterms.created",
                                        "sailthru.date", "parsely-pub-date", NULL};
    for (size_t i = 0; names[i]; i++) {
        char head[256];
        snprintf(head, sizeof head, "<meta name=\"%s\" content=\"February 16, 2022\">", names[i]);
        read_page(head, "<p>Text.</p>", &r);
        CHECK_STR_EQ(r.a[0].published, "2022-02-16");
        read_result_done(&r);
    }

    /* itemprop=datePublished: in a meta, a <time datetime>, or as the element's text */
    read_page("<meta itemprop=\"datePublished\" content=\"2022-03-01\">", "<p>Text.</p>", &r);
    CHECK_STR_EQ(r.a[0].published, "2022-03-01");
    read_result_done(&r);
    read_page("", "<p>Text <time itemprop=\"datePublished\" datetime=\"2022-03-02T10:00Z\">yesterday</time>.</p>", &r);
    CHECK_STR_EQ(r.a[0].published, "2022-03-02");
    read_result_done(&r);
    read_page("", "<span itemprop=\"datePublished\">3 March 2022</span><p>Text.</p>", &r);
    CHECK_STR_EQ(r.a[0].published, "2022-03-03");
    read_result_done(&r);

    /* a date that cannot be read: the next source is tried; none: warned, left empty */
    read_page("<meta name=\"pubdate\" content=\"last Tuesday\">"
              "<script type=\"application/ld+json\">"
              "{\"@type\":\"NewsArticle\",\"datePublished\":\"2022-04-01\"}</script>",
              "<p>Text.</p>", &r);
    CHECK_STR_EQ(r.a[0].published, "2022-04-01");
    CHECK_INT_EQ(r.warnings, 0);
    read_result_done(&r);
    read_page("<meta name=\"pubdate\" content=\"last Tuesday\">", "<p>Text.</p>", &r);
    CHECK(r.a[0].published == NULL);
    CHECK_INT_EQ(r.warnings, 1);
    CHECK_STR_EQ(r.warn_msg[0], "date 'last Tuesday' not understood; left empty");
    CHECK_INT_EQ(r.articles, 1);
    read_result_done(&r);
}

static void test_dates_time_element(void)
{
    result r;
    /* the first <time datetime> inside the article, in its header; not the site header's clock */
    read_page("", "<header><time datetime=\"2030-01-01\">Today</time></header>"
                  "<article><header><h1>T</h1><time datetime=\"2022-02-17\">17 Feb</time></header>"
                  "<p>Story text.</p><time datetime=\"2022-02-18\">later</time></article>",
              &r);
    CHECK_STR_EQ(r.a[0].published, "2022-02-17");
    CHECK_STR_EQ(r.a[0].body, "Story text.\n\nlater");
    read_result_done(&r);

    /* body as the container: a <time> in a sidebar or in the page banner does not count */
    read_page("", "<div class=\"site-header\"><time datetime=\"2030-01-01\">now</time></div>"
                  "<aside><time datetime=\"2021-05-05\">x</time></aside><p>Text.</p>",
              &r);
    CHECK(r.a[0].published == NULL);
    read_result_done(&r);
    read_page("", "<div class=\"post\"><div class=\"post-header\"><time datetime=\"2022-02-19\">19.02.</time></div>"
                  "<p>Text.</p></div>",
              &r);
    CHECK_STR_EQ(r.a[0].published, "2022-02-19");
    CHECK_STR_EQ(r.a[0].body, "Text.");
    read_result_done(&r);
}

static void test_dates_jsonld(void)
{
    result r;
    read_page("<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\","
              "\"datePublished\":\"2022-02-20T08:00:00Z\","
              "\"publisher\":{\"@type\":\"Organization\",\"name\":\"Wire One\"}}"
              "</script>",
              "<p>Text.</p>", &r);
    CHECK_STR_EQ(r.a[0].published, "2022-02-20");
    CHECK_STR_EQ(r.a[0].source, "Wire One");
    read_result_done(&r);

    /* @graph: the Article's date wins over an earlier WebPage's; publisher by @id reference */
    read_page("<script type=\"application/ld+json\">{\"@graph\":["
              "{\"@type\":\"WebPage\",\"datePublished\":\"2020-01-01\"},"
              "{\"@type\":\"Organization\",\"@id\":\"#org\",\"name\":\"Graph Times\"},"
              "{\"@type\":[\"Article\",\"NewsArticle\"],\"datePublished\":\"2022-02-21\","
              "\"publisher\":{\"@id\":\"#org\"}}"
              "]}</script>",
              "<p>Text.</p>", &r);
    CHECK_STR_EQ(r.a[0].published, "2022-02-21");
    CHECK_STR_EQ(r.a[0].source, "Graph Times");
    read_result_done(&r);

    /* a top-level list, a second script, wrappers; a publisher list; an untyped object's date */
    read_page("<script type=\"application/ld+json\">[{\"@type\":\"BreadcrumbList\"},"
              "{\"datePublished\":\"22.02.2022\",\"publisher\":[{\"name\":\"List Post\"}]}];</script>",
              "<p>Text.</p>", &r);
    CHECK_STR_EQ(r.a[0].published, "2022-02-22");
    CHECK_STR_EQ(r.a[0].source, "List Post");
    read_result_done(&r);
    read_page("<script type=\"application/ld+json\">{\"@type\":\"Organization\",\"name\":\"X\"}</script>"
              "<script type=\"application/ld+json\">\n//<![CDATA[\n{\"@type\":\"BlogPosting\",\"datePublished\":"
              "\"2022-02-23\"}\n//]]>\n</script>",
              "<p>Text.</p>", &r);
    CHECK_STR_EQ(r.a[0].published, "2022-02-23");
    read_result_done(&r);

    /* og:site_name wins over the JSON-LD publisher; meta dates win over JSON-LD */
    read_page("<meta property=og:site_name content=\"OG Name\"><meta name=date content=2022-01-05>"
              "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":\"2022-02-24\","
              "\"publisher\":\"LD Name\"}</script>",
              "<p>Text.</p>", &r);
    CHECK_STR_EQ(r.a[0].source, "OG Name");
    CHECK_STR_EQ(r.a[0].published, "2022-01-05");
    read_result_done(&r);

    /* broken JSON-LD: warned with its line, the page still read */
    read_html("<html><head>\n<title>T</title>\n<script type=\"application/ld+json\">{\"datePublished\": </script>\n"
              "</head><body><p>Text.</p></body></html>",
              &r);
    CHECK_INT_EQ(r.articles, 1);
    CHECK(r.a[0].published == NULL);
    CHECK_INT_EQ(r.warnings, 1);
    CHECK_INT_EQ(r.warn_line[0], 3);
    CHECK(str_contains(r.warn_msg[0], "JSON-LD"));
    read_result_done(&r);
}

static void test_url_source_lang(void)
{
    result r;
    read_html("<html lang=\"uk-UA\"><head><meta property=\"og:url\" content=\"https://a.example/x\">"
              "<link rel=\"canonical\" href=\"https://b.example/y\"></head><body><p>Текст.</p></body></html>",
              &r);
    CHECK_STR_EQ(r.a[0].url, "https://a.example/x");
    CHECK_STR_EQ(r.a[0].lang, "uk");
    CHECK(r.a[0].source == NULL);
    read_result_done(&r);
    read_html("<html lang=\"ru\"><head><link rel=\"Canonical\" href=\" https://b.example/y \"></head>"
              "<body><p>Текст.</p></body></html>",
              &r);
    CHECK_STR_EQ(r.a[0].url, "https://b.example/y");
    CHECK_STR_EQ(r.a[0].lang, "ru");
    read_result_done(&r);
    /* a relative canonical is not a url; a lang that is no language is left for detection */
    read_html("<html lang=\"xx-nonsense\"><head><link rel=canonical href=\"/news/1\"></head>"
              "<body><p>T.</p></body></html>",
              &r);
    CHECK(r.a[0].url == NULL);
    CHECK(r.a[0].lang == NULL);
    CHECK_INT_EQ(r.warnings, 0);
    read_result_done(&r);
}

static void test_furniture_elements(void)
{
    result r;
    read_page("<style>p { color: red }</style><script>var x = 1;</script>",
              "<nav><a href=\"/\">Home</a></nav><header>Site banner</header>"
              "<script>document.write('script text')</script><style>.x{}</style><noscript>Enable JavaScript</noscript>"
              "<template><p>template text</p></template>"
              "<p>Kept one.</p>"
              "<aside>Aside text</aside><form><label>Email</label><input name=e><button>Send</button></form>"
              "<iframe src=\"x\">iframe text</iframe><svg><text>svg text</text></svg>"
              "<figure><img src=a.jpg alt=\"alt text\"><figcaption>Caption kept.</figcaption></figure>"
              "<p hidden>hidden text</p><p style=\"DISPLAY: none\">invisible text</p>"
              "<p aria-hidden=\"true\">aria text</p>"
              "<footer>Footer text</footer><p>Kept two.</p>",
              &r);
    CHECK_STR_EQ(r.a[0].body, "Kept one.\n\nCaption kept.\n\nKept two.");
    read_result_done(&r);
}

static void test_furniture_classes(void)
{
    result r;
    read_page("", "<div class=\"share-buttons\">Share this</div><div id=\"social_links\">Follow us</div>"
                  "<div class=\"cookie-banner\">Accept cookies</div><div class=\"Newsletter\">Sign up</div>"
                  "<div class=\"subscribe-box\">Subscribe now</div><ul class=\"related\"><li>Other story</li></ul>"
                  "<section id=\"comments\">First!</section><ol class=\"breadcrumb\"><li>Home</li></ol>"
                  "<div class=\"advert\">Buy now</div><div class=\"promo-strip\">Half price</div>"
                  "<div class=\"sidebar\">Most read</div><div class=\"menu\">Sections</div>"
                  "<div class=\"page_footer\">Bottom</div><div class=\"top header\">Top</div>"
                  "<div role=\"navigation\">Nav role</div><div role=\"banner\">Banner role</div>"
                  "<div role=\"contentinfo\">Info role</div><div role=\"complementary\">Compl role</div>"
                  "<p class=\"shared-story\">Kept: shared is not share.</p>"
                  "<p class=\"headerless lead\">Kept: headerless is not header.</p>"
                  "<p class=\"story-body\">Kept body.</p>",
              &r);
    CHECK_STR_EQ(r.a[0].body, "Kept: shared is not share.\n\nKept: headerless is not header.\n\nKept body.");
    read_result_done(&r);
}

static void test_container(void)
{
    result r;
    /* the article's text only, not the page around it */
    read_page("", "<div>Site intro text outside.</div><article><p>Inside the article.</p></article><div>After.</div>",
              &r);
    CHECK_STR_EQ(r.a[0].body, "Inside the article.");
    read_result_done(&r);

    /* the article with the most text; one inside an aside does not count */
    read_page("", "<aside><article><p>A long teaser in an aside, longer than anything else on this page by far, "
                  "with many words.</p></article></aside>"
                  "<article><p>Short teaser.</p></article>"
                  "<article><p>The real story, with more text than the teaser.</p></article>",
              &r);
    CHECK_STR_EQ(r.a[0].body, "The real story, with more text than the teaser.");
    read_result_done(&r);

    /* nested: the outer article holds the inner one and wins */
    read_page("", "<article class=\"post has-comments\"><p>Outer intro.</p><article><p>Inner part.</p></article>"
                  "<p>Outer end.</p></article>",
              &r);
    CHECK_STR_EQ(r.a[0].body, "Outer intro.\n\nInner part.\n\nOuter end.");
    read_result_done(&r);

    /* <main> and itemprop=articleBody */
    read_page("", "<div>Outside main.</div><main><p>In main.</p></main>", &r);
    CHECK_STR_EQ(r.a[0].body, "In main.");
    read_result_done(&r);
    read_page("", "<div>Outside.</div><div itemprop=\"articleBody\"><p>Body by itemprop.</p></div>", &r);
    CHECK_STR_EQ(r.a[0].body, "Body by itemprop.");
    read_result_done(&r);

    /* an empty <article>: the body is used */
    read_page("", "<article></article><p>Body text.</p>", &r);
    CHECK_STR_EQ(r.a[0].body, "Body text.");
    read_result_done(&r);
}

static void test_paragraphs_and_inline(void)
{
    result r;
    read_page("", "<p>In<b>line</b> <i>words</i>, <a href=\"#\">a link</a>.</p>"
                  "<div>Div<div>nested div</div>tail</div>"
                  "<h2>Heading</h2><ul><li>one</li><li>two</li></ul><blockquote>Quote</blockquote>"
                  "<table><tr><td>cell1</td><td>cell2</td></tr><tr><th>h1</th><th>h2</th></tr></table>"
                  "<section>Section</section>"
                  "<p>Line one<br>Line two<br/><br>Line three</p>"
                  "<pre>pre line 1\n   pre   line 2\n\n</pre>"
                  "<p><time>Monday</time> <em>morning</em></p>",
              &r);
    CHECK_STR_EQ(r.a[0].body, "Inline words, a link.\n\nDiv\n\nnested div\n\ntail\n\nHeading\n\none\n\ntwo\n\nQuote\n\n"
                           "cell1 cell2\n\nh1 h2\n\nSection\n\nLine one\n\nLine two\n\nLine three\n\n"
                           "pre line 1\n\npre line 2\n\nMonday morning");
    read_result_done(&r);

    /* entities; no-break spaces kept inside text, dropped at the ends; runs of white space */
    read_page("", "<p>&nbsp;</p><p>Caf&eacute; &amp; bar &ldquo;Quote&rdquo; it&#8217;s &#x41;&lt;B&gt;</p>"
                  "<p>&nbsp; 10&nbsp;&nbsp;km \t\n away&nbsp;</p>",
              &r);
    CHECK_STR_EQ(r.a[0].body, "Café & bar “Quote” it’s A<B>\n\n10\xC2\xA0km away");
    read_result_done(&r);

    /* comments and processing instructions are not text */
    read_page("", "<p>Before<!-- a comment -->after.</p>", &r);
    CHECK_STR_EQ(r.a[0].body, "Beforeafter.");
    read_result_done(&r);
}

static void test_bad_pages(void)
{
    result r;
    /* no body */
    read_html("<!DOCTYPE html><html><head><title>Moved</title></head></html>", &r);
    CHECK_INT_EQ(r.rc, 0);
    CHECK_INT_EQ(r.articles, 0);
    CHECK_INT_EQ(r.warnings, 1);
    CHECK_STR_EQ(r.warn_msg[0], "no article text in the page (no <body>)");
    read_result_done(&r);

    /* a body with nothing but furniture */
    read_html("<html><head><title>T</title></head><body><nav>Home</nav><script>x()</script>  </body></html>", &r);
    CHECK_INT_EQ(r.articles, 0);
    CHECK_INT_EQ(r.warnings, 1);
    CHECK(str_contains(r.warn_msg[0], "no article text in the page"));
    read_result_done(&r);

    /* a body whose only paragraph is the title */
    read_html("<html><head><title>Just this</title></head><body><h1>Just this</h1></body></html>", &r);
    CHECK_INT_EQ(r.articles, 0);
    CHECK(str_contains(r.warn_msg[0], "no article text in the page"));
    read_result_done(&r);

    /* truncated: what there is is read, and a warning names the last line */
    read_html("<html><head><title>Cut</title></head><body><article><p>First part.</p>\n<p>Second par", &r);
    CHECK_INT_EQ(r.articles, 1);
    CHECK_STR_EQ(r.a[0].body, "First part.\n\nSecond par");
    CHECK_INT_EQ(r.warnings, 1);
    CHECK_INT_EQ(r.warn_line[0], 2);
    CHECK(str_contains(r.warn_msg[0], "cut short"));
    read_result_done(&r);
    read_html("<html><body><p>Text ending inside a tag <a hre", &r);
    CHECK_INT_EQ(r.articles, 1);
    CHECK_STR_EQ(r.a[0].body, "Text ending inside a tag");
    read_result_done(&r);

    /* empty, white space, no markup at all */
    read_html("", &r);
    CHECK_INT_EQ(r.rc, 0);
    CHECK_INT_EQ(r.articles, 0);
    CHECK_INT_EQ(r.warnings, 1);
    CHECK(str_contains(r.warn_msg[0], "no HTML markup"));
    read_result_done(&r);
    read_html(" \n\t ", &r);
    CHECK_INT_EQ(r.articles, 0);
    CHECK_INT_EQ(r.warnings, 1);
    read_result_done(&r);
    read_html("\xEF\xBF\xBD\x01 junk < 3 > \xEF\xBF\xBD", &r);
    CHECK_INT_EQ(r.articles, 0);
    CHECK(str_contains(r.warn_msg[0], "no HTML markup"));
    read_result_done(&r);
    /* a fragment without <html> or <body> is still a page */
    read_html("<p>Just a fragment.</p>", &r);
    CHECK_INT_EQ(r.articles, 1);
    CHECK_STR_EQ(r.a[0].body, "Just a fragment.");
    CHECK_INT_EQ(r.warnings, 0);
    read_result_done(&r);

    /* no input text at all, no sink */
    pc_reader_input in = {"x.html", NULL, 0, NULL, 0, NULL, 0};
    pc_error err;
    pc_error_clear(&err);
    memset(&r, 0, sizeof r);
    CHECK_INT_EQ(pc_read_html(&in, read_result_collect, read_result_warn, &r, &err), 0);
    CHECK_INT_EQ(r.articles, 0);
    CHECK(pc_read_html(&in, NULL, read_result_warn, &r, &err) == PC_EINVAL);
}

static void test_huge_and_deep(void)
{
    result r;
    /* a 3 MB attribute (an inline image) before the text */
    size_t big = 3u << 20;
    const char *pre = "<html><head><title>Big</title></head><body><img src=\"data:image/png;base64,";
    const char *post = "\"><p>Text after the image.</p></body></html>";
    char *page = malloc(strlen(pre) + big + strlen(post) + 1);
    CHECK(page != NULL);
    if (page) {
        size_t o = strlen(pre);
        memcpy(page, pre, o);
        memset(page + o, 'A', big);
        strcpy(page + o + big, post);
        read_html(page, &r);
        CHECK_INT_EQ(r.articles, 1);
        CHECK_STR_EQ(r.a[0].body, "Text after the image.");
        read_result_done(&r);
        free(page);
    }

    /* 20000 nested elements: no stack overflow, the text is found */
    size_t depth = 20000;
    page = malloc(depth * 13 + 200);
    CHECK(page != NULL);
    if (page) {
        size_t o = (size_t)sprintf(page, "<html><body>");
        for (size_t i = 0; i < depth; i++)
            o += (size_t)sprintf(page + o, "<span>");
        o += (size_t)sprintf(page + o, "deep text");
        for (size_t i = 0; i < depth; i++)
            o += (size_t)sprintf(page + o, "</span>");
        sprintf(page + o, "</body></html>");
        read_html(page, &r);
        CHECK_INT_EQ(r.rc, 0);
        CHECK_INT_EQ(r.articles, 1);
        CHECK(str_contains(r.a[0].body, "deep text"));
        read_result_done(&r);
        free(page);
    }
}

static void test_foreign_meta_charset(void)
{
    result r;
    /* the text is UTF-8 already: a <meta charset> naming another encoding changes nothing */
    read_html("<html lang=\"ru\"><head><meta charset=\"windows-1251\"><title>Заголовок</title></head>"
              "<body><p>Текст на русском языке — «так».</p></body></html>",
              &r);
    CHECK_STR_EQ(r.a[0].title, "Заголовок");
    CHECK_STR_EQ(r.a[0].body, "Текст на русском языке — «так».");
    read_result_done(&r);
    read_html("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"></head>"
              "<body><p>Café überall.</p></body></html>",
              &r);
    CHECK_STR_EQ(r.a[0].body, "Café überall.");
    read_result_done(&r);
}

int main(void)
{
    RUN_TEST(test_basic_article);
    RUN_TEST(test_titles);
    RUN_TEST(test_dates_meta);
    RUN_TEST(test_dates_time_element);
    RUN_TEST(test_dates_jsonld);
    RUN_TEST(test_url_source_lang);
    RUN_TEST(test_furniture_elements);
    RUN_TEST(test_furniture_classes);
    RUN_TEST(test_container);
    RUN_TEST(test_paragraphs_and_inline);
    RUN_TEST(test_bad_pages);
    RUN_TEST(test_huge_and_deep);
    RUN_TEST(test_foreign_meta_charset);
    return TEST_REPORT();
}
