#!/usr/bin/env bash
# test_stem_scope.sh — stems and transliteration on real news (seeds, bsnlp-slavic-news/nord_stream, ukraine-news-bias-2014,
# bbc-fulltext): a name's hits are exactly the files a regex over the indexed text finds (Putin must not reach
# English put/puts through another language's stemmer, NATO not Nat), and a Cyrillic name finds its Latin
# spelling (Песков: Peskov, Київ: Kyiv) unless --no-translit.
. "$(dirname "$0")/lib.sh"
require_shared_corpus
# bsnlp's nord_stream topic (1,400 files in seven languages) names Putin, NATO, Peskov and Kyiv often enough;
# all of bsnlp would make the test slow under the sanitizers without testing more.
dirs=("$CORPUS/seeds" "$CORPUS/bsnlp-slavic-news/nord_stream" "$CORPUS/ukraine-news-bias-2014" "$CORPUS/bbc-fulltext")
assert_status 0 "index the four corpora" -- pc index -q "${dirs[@]}"

# The files of a search's hits (copies included), relative to the corpus, sorted.
hit_files() {
  pc search -n 20000 --all-copies --format jsonl "$@" 2>/dev/null | sed 's/.*"path":"\([^"]*\)".*/\1/' |
    sed "s|.*/corpus/||" | sort
}

# The oracle: the files whose indexed text holds the word ANY (a regex) in any language, or ENGLISH (a regex:
# English inflections) in an English article. A word is what the analyzer takes for one: letters joined by
# apostrophes and by dots between letters count as part of it. bsnlp raw files start with a header block (id,
# language, date, url) that is metadata, not text; their second line is the language. The JSON files' text is in their content/title/text/body strings.
cat >"$WORK/oracle.pl" <<'PERL'
use strict; use warnings; use Encode qw(decode); use JSON::PP;
my ($any, $en) = (shift, shift);
my $word = sub { my $re = shift; qr/(?<![\w'’])(?<!\w[.'’])(?:$re)(?![\w'’])(?![.'’]\w)/i };
my ($any_re, $en_re) = ($word->($any), $word->($en));
for my $f (@ARGV) {
    open my $fh, '<:raw', $f or die "$f: $!"; local $/; my $text = decode('UTF-8', <$fh>); close $fh;
    my $english = 1;
    if ($f =~ m{/bsnlp-slavic-news/}) {
        my @lines = split /\n/, $text, -1;
        $english = ($lines[1] // '') eq 'en';
        # The header block (id, language, date, url) is metadata, not text: the url is not searched.
        for my $i (0 .. 4) { if (($lines[$i] // '') =~ m{^https?://}) { splice @lines, 0, $i + 1; last } }
        $text = join "\n", @lines;
    } elsif ($f =~ /\.json$/) {
        my @parts; my $walk; $walk = sub { my $v = shift;
            if (ref $v eq 'HASH') { for (keys %$v) {
                if (/^(content|title|text|body)$/ && !ref $v->{$_}) { push @parts, $v->{$_} } else { $walk->($v->{$_}) } } }
            elsif (ref $v eq 'ARRAY') { $walk->($_) for @$v } };
        $walk->(JSON::PP->new->decode($text)); $text = join "\n", @parts;
    }
    print "$f\n" if $text =~ $any_re || ($english && $text =~ $en_re);
}
PERL
oracle_files() {
  find "${dirs[@]}" -type f \( -name '*.txt' -o -name '*.json' \) -print0 | xargs -0 perl "$WORK/oracle.pl" "$@" |
    sed "s|.*/corpus/||" | sort
}

# A stem is its language's only: Putin finds exactly the files that say Putin (Putin's, Putins in English).
putin_hits="$(hit_files Putin)"
putin_oracle="$(oracle_files putin "putin['’]?s")"
assert_eq "$putin_hits" "$putin_oracle" "Putin: exactly the files with the word putin"
[ "$(printf '%s\n' "$putin_oracle" | wc -l)" -gt 60 ] && pass || fail "Putin: over 60 files say putin"
assert_eq "$(pc search -n 0 --all-copies Putin 2>&1 | tail -1)" \
  "$(printf '%s\n' "$putin_oracle" | wc -l) articles match (0 shown)" "Putin: as many articles as the oracle's files (not 529)"
assert_not_contains "$(pc search --explain Putin)" "put (" "explain: put is no alternative of Putin"
assert_eq "$(hit_files NATO)" "$(oracle_files nato "nato['’]?s")" "NATO: exactly the files with the word nato"

# Transliteration: a Cyrillic name finds its Latin spelling in English articles.
peskov_latin="$(oracle_files peskov "peskov['’]?s")"
[ "$(printf '%s\n' "$peskov_latin" | wc -l)" -ge 10 ] && pass || fail "at least 10 files say Peskov"
peskov_hits="$(hit_files Песков)"
assert_eq "$(comm -23 <(printf '%s\n' "$peskov_latin") <(printf '%s\n' "$peskov_hits"))" "" \
  "Песков finds every file that says Peskov"
assert_eq "$(comm -12 <(printf '%s\n' "$peskov_latin") <(hit_files --no-translit Песков) | grep -vc '/raw/\(ru\|uk\|bg\)/')" \
  "0" "--no-translit: Песков finds no English Peskov file"
kyiv_latin="$(oracle_files kyiv "kyiv['’]?s")"
[ "$(printf '%s\n' "$kyiv_latin" | wc -l)" -ge 10 ] && pass || fail "at least 10 files say Kyiv"
assert_eq "$(comm -23 <(printf '%s\n' "$kyiv_latin") <(hit_files Київ))" "" "Київ finds every file that says Kyiv"
assert_contains "$(pc search --explain Київ)" "in Latin (uk-2010): kyiv (" "explain: the Latin form and its scheme"
assert_contains "$(pc search --explain Песков)" "in Latin (ru-bgn): peskov (" "explain: Russian BGN for Песков"
assert_not_contains "$(pc search --explain --no-translit Київ)" "in Latin" "--no-translit: no Latin forms"
assert_not_contains "$(pc search --explain =Київ)" "in Latin" "=Київ: this form only, no Latin forms"

finish
