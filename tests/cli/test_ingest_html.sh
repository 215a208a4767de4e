#!/usr/bin/env bash
# test_ingest_html.sh — `presscut index` on web pages: the three HTML articles of the sample corpus give
# their title, date, source, url and language from meta tags, JSON-LD, <title>, <time> and <html lang>,
# keep the article text and drop the page furniture; the broken pages in tests/fixtures/ingest/html are
# each reported on stderr with their path, and the truncated one is still indexed.
. "$(dirname "$0")/lib.sh"
lantern="$SOURCE/corpus/kyiv-lantern/tram-depot-solar-roof.html"
observer="$SOURCE/corpus/lakeshore-observer/winter-ferry-timetable.htm"
dzvin="$SOURCE/corpus/vechirnii-dzvin/biblioteka-na-saltivtsi.html"
fixtures="$SOURCE/tests/fixtures/ingest/html"

assert_status 0 "index the HTML pages" -- pc index "$lantern" "$observer" "$dzvin" "$fixtures"
out="$(cat "$WORK/last.out")"
err="$(cat "$WORK/last.err")"
assert_contains "$out" "indexed 4 files (4 articles" "three articles and the truncated page are indexed"
assert_contains "$out" "2 skipped, 0 failed" "the page without a body and the junk file are skipped"

field() { sql "SELECT $1 FROM article_details WHERE path LIKE '%/$2'"; }

# The Kyiv Lantern: og: tags, a JSON-LD @graph date and publisher, a page full of furniture.
f=tram-depot-solar-roof.html
assert_eq "$(field title "$f")" "Tram depot in Podil gets a solar roof" "lantern: og:title"
assert_eq "$(field published "$f")" "2022-02-21" "lantern: NewsArticle datePublished in the JSON-LD @graph"
assert_eq "$(field source "$f")" "The Kyiv Lantern" "lantern: og:site_name"
assert_eq "$(field url "$f")" "https://kyivlantern.example/2022/02/21/tram-depot-solar-roof" "lantern: og:url"
assert_eq "$(field lang "$f")" "en" "lantern: <html lang>"
body="$(field body "$f")"
assert_contains "$body" "The 2,400 panels are expected to supply about a fifth of the power the depot uses" "lantern: body text"
assert_contains "$body" "$(printf 'cost 38\xc2\xa0million hryvnias')" "lantern: &nbsp; kept as a no-break space"
assert_contains "$body" "within hours of a thaw.\\n\\nTwo more depots" "lantern: <br> starts a paragraph"
assert_contains "$body" "Panels on the roof of the Podil tram depot." "lantern: figure caption kept"
assert_eq "${body%%\\n*}" "The city’s oldest tram depot, on Kyrylivska Street in Podil, has finished covering its roof with solar panels, the transport department said on Monday. The 2,400 panels are expected to supply about a fifth of the power the depot uses to charge and heat its workshops." \
  "lantern: the body starts with the first paragraph (no h1, byline or share links)"
for furniture in "Accept cookies" "Opinion" "Search the Lantern" "Share on Facebook" "Advertisement" \
  "Subscribe to our morning newsletter" "Podil by-election goes to a second round" "Most read" \
  "All rights reserved" "lanternAds" "Oksana Dremliuk" "Home"; do
  assert_not_contains "$body" "$furniture" "lantern: no '$furniture'"
done

# Lakeshore Observer: 1990s markup, <title> with the site suffix, <TIME DATETIME>, no og: tags.
f=winter-ferry-timetable.htm
assert_eq "$(field title "$f")" "Winter timetable cuts evening ferry sailings" "observer: <title> without ' | Lakeshore Observer'"
assert_eq "$(field published "$f")" "2022-01-18" "observer: <time datetime>"
assert_eq "$(field source "$f")" "lakeshore-observer" "observer: no site name in the page: the folder"
assert_eq "$(field "coalesce(url, 'NULL')" "$f")" "NULL" "observer: no url"
assert_eq "$(field lang "$f")" "en" "observer: language detected"
body="$(field body "$f")"
assert_contains "$body" "Nurse Amy Lindqvist said she would now have to sleep in her car twice a week." "observer: body text"
assert_contains "$body" "twice a week.\\n\\n\"The last boat was the reason" "observer: <BR><BR> separates paragraphs"
assert_not_contains "$body" "Winter timetable cuts evening ferry sailings" "observer: the <H1> repeating the title is dropped"
for furniture in "Classifieds" "Obituaries" "Copyright" "openPrint"; do
  assert_not_contains "$body" "$furniture" "observer: no '$furniture'"
done

# Вечірній дзвін: Ukrainian, <html lang="uk-UA">, article:published_time, canonical link, windows-1251 meta.
f=biblioteka-na-saltivtsi.html
assert_eq "$(field title "$f")" "На Салтівці відкрили оновлену бібліотеку" "dzvin: og:title"
assert_eq "$(field published "$f")" "2022-02-08" "dzvin: article:published_time"
assert_eq "$(field source "$f")" "Вечірній дзвін" "dzvin: og:site_name"
assert_eq "$(field url "$f")" "https://dzvin.example/news/2022/02/08/biblioteka-na-saltivtsi" "dzvin: canonical link"
assert_eq "$(field lang "$f")" "uk" "dzvin: uk-UA"
body="$(field body "$f")"
assert_contains "$body" "За її словами, за перший тиждень записалося понад двісті нових читачів." "dzvin: body text (UTF-8 despite the meta charset)"
assert_contains "$body" "з’явилися" "dzvin: &#8217; decoded"
for furniture in "Головна" "Поділитися" "Коментарі" "Усі права захищено"; do
  assert_not_contains "$body" "$furniture" "dzvin: no '$furniture'"
done
assert_contains "$(pc search бібліотеки)" "biblioteka-na-saltivtsi.html" "dzvin: found by a Ukrainian word form"

# Broken pages: each named on stderr; the truncated one indexed as far as it goes.
assert_contains "$err" "html/no-body.html: skipped: no article text in the page (no <body>)" "page without a body"
assert_contains "$err" "html/junk.html: skipped: no HTML markup in the file" "junk file"
assert_contains "$err" "html/truncated.html:14: warning: page is cut short" "truncated page"
f=truncated.html
assert_eq "$(field title "$f")" "Harbour crane contract signed" "truncated: title"
assert_eq "$(field published "$f")" "2022-03-02" "truncated: date"
assert_contains "$(field body "$f")" "broken down eleven times since the summer, and that the night shift was often sent ho" \
  "truncated: the text up to the cut"
assert_eq "$(sql "SELECT count(*) FROM article_details WHERE path LIKE '%no-body.html' OR path LIKE '%junk.html'")" "0" \
  "skipped pages are not indexed"
assert_status 0 "check" -- pc check
finish
