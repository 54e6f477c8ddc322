package ingest

// Fuzz targets for every reader of outside bytes in this package. Run one
// with
//
//	go test -run='^$' -fuzz='^FuzzReader$' -fuzztime=30s ./ingest/
//
// (scripts/fuzz.sh runs them all). Without -fuzz, `go test` runs each
// target on its seeds and on the inputs under testdata/fuzz/.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"sitrep"
)

// ---------------------------------------------------------------------------
// seeds

// utf16LE encodes s as UTF-16 little-endian with a byte-order mark.
func utf16LE(s string) []byte {
	out := []byte{0xff, 0xfe}
	for _, r := range s {
		if r >= 0x10000 {
			r -= 0x10000
			hi, lo := 0xd800+(r>>10), 0xdc00+(r&0x3ff)
			out = append(out, byte(hi), byte(hi>>8), byte(lo), byte(lo>>8))
			continue
		}
		out = append(out, byte(r), byte(r>>8))
	}
	return out
}

// utf16BE encodes s as UTF-16 big-endian with a byte-order mark.
func utf16BE(s string) []byte {
	le := utf16LE(s)
	out := []byte{0xfe, 0xff}
	for i := 2; i+1 < len(le); i += 2 {
		out = append(out, le[i+1], le[i])
	}
	return out
}

const (
	seedText   = "Title: Air strikes kill 14 in eastern Aleppo\nSource: Example Wire\nPublished: 2016-10-06\nURL: https://example.org/aleppo\n\nALEPPO, Syria, Oct. 5, 2016 (Reuters) - Air strikes killed 14 people on Wednesday.\n\nRebels said the army shelled the city."
	seedHTML   = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Bomb kills nine | Example News</title><meta property="og:site_name" content="Example News"><meta property="article:published_time" content="2019-03-12T08:00:00Z"></head><body><nav><a href="/">Home</a></nav><article><h1>Bomb kills nine</h1><p>KABUL, Afghanistan — A bomb killed nine people at a mosque on Friday, police said.</p><p>“The blast destroyed the hall,” said a witness.</p></article><footer>© Example</footer></body></html>`
	seedRSS    = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Example Wire</title><link>https://example.org/</link><item><title>Clashes in Tripoli</title><link>https://example.org/tripoli</link><guid>tripoli-1</guid><pubDate>Mon, 03 Oct 2016 10:00:00 +0000</pubDate><description><![CDATA[<p>Fighting broke out in Tripoli on Monday between rival militias, residents said, and at least four people were killed.</p>]]></description></item><item><title>Only a title</title></item></channel></rss>`
	seedAtom   = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Example Atom</title><entry><title>Protest in Caracas</title><id>urn:x:1</id><updated>2019-01-23T12:00:00Z</updated><content type="html">&lt;p&gt;Police fired tear gas at protesters in Caracas on Wednesday.&lt;/p&gt;</content></entry></feed>`
	seedRDF    = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel><title>RDF</title></channel><item><title>Talks</title><description>Envoys met in Geneva on Tuesday to discuss a ceasefire.</description></item></rdf:RDF>`
	seedJSONL  = "{\"id\":\"a1\",\"title\":\"One\",\"published\":\"2020-01-02\",\"text\":\"Troops entered the town on Monday.\"}\n\n{\"id\":\"a2\",\"html\":\"<p>Police detained 40 protesters.</p>\"}\nnot json\n{\"published\": 20200102, \"text\": \"x\"}\n{\"text\": \"\"}\n"
	seedJSON   = "[\n  {\"id\": \"j1\", \"title\": \"First\", \"published\": \"2020-01-02\", \"text\": \"Troops entered the town on Monday.\"},\n  {\"id\": \"j2\"}\n]"
	seedObject = "{\n  \"id\": \"j4\",\n  \"title\": \"Pretty\",\n  \"text\": \"Rebels shelled the airport.\"\n}\n"
)

// addReaderSeeds adds realistic and hostile sources of every kind.
func readerSeeds() [][]byte {
	return [][]byte{
		[]byte(seedText), []byte(seedHTML), []byte(seedRSS), []byte(seedAtom), []byte(seedRDF),
		[]byte(seedJSONL), []byte(seedJSON), []byte(seedObject),
		{}, []byte(" \n\t\r\n"), []byte("\xef\xbb\xbf"), []byte("\xef\xbb\xbfTitle: BOM\n\nBody with a byte-order mark."),
		[]byte("\x00\x01\x02\x03binary\x00"), []byte("%PDF-1.7\n..."), []byte("\x89PNG\r\n\x1a\n"), []byte("PK\x03\x04zip"),
		[]byte("caf\xe9 au lait \x93quoted\x94 \x80 price"), []byte("na\xefve \xff\xfe"), []byte("\xc3\x28 invalid \xed\xa0\x80 surrogate"),
		utf16LE("Title: UTF-16\n\nSoldiers crossed the border on Tuesday."), utf16BE("Police arrested 12 people in Lagos."),
		[]byte{0xff, 0xfe, 0x41}, // UTF-16 with an odd byte count
		[]byte("Title: Bad date\nPublished: 31/31/2016\n\nBody."),
		[]byte("Title: only a header\nPublished: 2016-10-05\n"),
		[]byte("Title:\n\n"),
		[]byte("Old Mac\rline two\r\rline three"),
		[]byte("<html><head><title>Unterminated"), []byte("<p>fragment <b>bold <i>italic"), []byte("<!-- comment --><html><body><p>x</p>"),
		[]byte("<?xml version=\"1.0\"?><rss><channel><item><title>no end"), []byte("<feed"), []byte("<rss version=\"2.0\"></rss>"),
		[]byte("{\"text\": \"unterminated"), []byte("{\"text\":\"a\"}\n{\"text\":"), []byte("[{\"text\": \"x\"}, 1, null, \"s\"]"), []byte("[]"), []byte("[{}]"),
		[]byte("{}"), []byte("{\"id\":\"x\",\"text\":\"\\u0000\\u0001 control \\ud800\"}"),
		[]byte(strings.Repeat("word ", 2000)), []byte(strings.Repeat("<div>", 500)), []byte(strings.Repeat("{\"text\":\"a\"}\n", 50)),
		[]byte(strings.Repeat("\n", 300) + "late text"),
		[]byte("MOSCOW, Oct. 5, 2016 (Reuters) - Russia said on Wednesday it would veto the resolution."),
		[]byte("GENEVA, 31 Feb 2019 — an impossible dateline date."),
	}
}

// sourceNames are the names a fuzzed source is read under; the extension
// steers format detection.
var sourceNames = []string{"story.txt", "page.html", "feed.xml", "corpus.jsonl", "doc.json", "noext", "https://example.org/world/story", "stdin"}

// ---------------------------------------------------------------------------
// invariants

// watchdog crashes the process, with every goroutine's stack, when one
// fuzz input runs longer than d: the fuzzer then keeps the input as a
// crasher, where a hang would only stall it.
func watchdog(d time.Duration, what string) (stop func() bool) {
	return time.AfterFunc(d, func() {
		debug.SetTraceback("all")
		panic(fmt.Sprintf("%s: input still running after %s", what, d))
	}).Stop
}

// offline is an HTTP client that fails every request: fuzzing must never
// reach the network.
func offline(t *testing.T, allowed bool) *http.Client {
	return &http.Client{Transport: roundTrip(func(req *http.Request) (*http.Response, error) {
		if !allowed {
			t.Errorf("unexpected request for %s", req.URL)
		}
		return nil, errors.New("offline")
	})}
}

type roundTrip func(*http.Request) (*http.Response, error)

func (f roundTrip) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// checkArticle checks what every article a Reader yields must satisfy.
func checkArticle(t *testing.T, a sitrep.Article) {
	t.Helper()
	if a.Text == "" {
		t.Fatalf("article %q has no text", a.Origin)
	}
	if !utf8.ValidString(a.Text) {
		t.Fatalf("article %q: text is not valid UTF-8: %q", a.Origin, a.Text)
	}
	if n := normalizeText(a.Text); n != a.Text {
		t.Fatalf("article %q: text is not normalized:\n%q\nnormalizes to\n%q", a.Origin, a.Text, n)
	}
	checkNormalized(t, a.Text)
	sum := sha256.Sum256([]byte(a.Text))
	if a.SHA256 != hex.EncodeToString(sum[:]) {
		t.Fatalf("article %q: SHA256 %q is not the digest of its text", a.Origin, a.SHA256)
	}
	if a.ID == "" || a.Origin == "" || a.Lang == "" {
		t.Fatalf("article lacks ID, origin or language: %+v", a)
	}
	checkDate(t, "published", a.Published)
	for _, f := range []struct{ name, v string }{{"title", a.Title}, {"source", a.Source}} {
		if f.v != cleanLine(f.v) || !utf8.ValidString(f.v) {
			t.Fatalf("article %q: %s %q is not a clean line", a.Origin, f.name, f.v)
		}
	}
}

// checkDate wants d empty or a real YYYY-MM-DD day.
func checkDate(t *testing.T, what string, d sitrep.Date) {
	t.Helper()
	if d == "" {
		return
	}
	if p, err := sitrep.ParseDate(string(d)); err != nil || p != d {
		t.Fatalf("%s %q is not a YYYY-MM-DD date (%v)", what, d, err)
	}
}

// checkError wants err to be an *Error naming its source and reason.
func checkError(t *testing.T, err error) *Error {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not an *ingest.Error", err, err)
	}
	if e.Source == "" || e.Err == nil || e.Err.Error() == "" {
		t.Fatalf("error %q does not name its source and reason", err)
	}
	if !strings.HasPrefix(err.Error(), e.Source+": ") {
		t.Fatalf("error %q does not start with its source %q", err, e.Source)
	}
	return e
}

// checkNormalized checks the form normalizeText promises.
func checkNormalized(t *testing.T, s string) {
	t.Helper()
	if strings.TrimSpace(s) != s {
		t.Fatalf("normalized text has surrounding space: %q", s)
	}
	if strings.Contains(s, "\n\n\n") {
		t.Fatalf("normalized text has more than one blank line: %q", s)
	}
	for _, r := range s {
		if r != '\n' && (unicode.Is(unicode.Cc, r) || r == '\u200b' || r == '\ufeff') {
			t.Fatalf("normalized text holds control or invisible character %U: %q", r, s)
		}
	}
	for _, line := range strings.Split(s, "\n") {
		if strings.TrimRightFunc(line, unicode.IsSpace) != line {
			t.Fatalf("normalized text has a line with trailing space %q in %q", line, s)
		}
		if line != "" && strings.TrimSpace(line) == "" {
			t.Fatalf("normalized text has a blank line of spaces %q in %q", line, s)
		}
	}
}

// collectAll reads an iterator to its end, stopping early after stopAt
// items when stopAt > 0 (the iterator must then not call yield again).
func collectAll(t *testing.T, seq func(func(sitrep.Article, error) bool), stopAt int) (arts []sitrep.Article, errs []*Error) {
	t.Helper()
	n := 0
	for a, err := range seq {
		n++
		if err != nil {
			if a != (sitrep.Article{}) {
				t.Fatalf("error %v comes with an article %+v", err, a)
			}
			errs = append(errs, checkError(t, err))
		} else {
			checkArticle(t, a)
			arts = append(arts, a)
		}
		if n == stopAt {
			break
		}
	}
	if n == 0 {
		t.Fatalf("source yielded nothing: neither an article nor an error")
	}
	return arts, errs
}

// ---------------------------------------------------------------------------
// targets

// FuzzReader reads arbitrary bytes as a source of each kind, through
// Reader.Bytes (a source in memory) and through standard input (a stream):
// every source yields at least one article or *Error, every article is
// normalized, hashed, dated or undated and cleanly titled, and a consumer
// that stops early is not called again.
func FuzzReader(f *testing.F) {
	for i, s := range readerSeeds() {
		f.Add(s, uint8(i), uint16(0), uint8(0))
	}
	f.Add([]byte(seedJSONL), uint8(3), uint16(40), uint8(2))
	f.Add([]byte(seedText), uint8(0), uint16(20), uint8(1))
	f.Fuzz(func(t *testing.T, data []byte, nameSel uint8, maxBytes uint16, stopAt uint8) {
		defer watchdog(10*time.Second, "FuzzReader")()
		name := sourceNames[int(nameSel)%len(sourceNames)]
		opts := Options{NoFetch: true, MaxBytes: int64(maxBytes), Published: "2020-02-29", Client: offline(t, false)}
		r := NewReader(opts)
		ctx := context.Background()
		arts, errs := collectAll(t, r.Bytes(ctx, name, data), int(stopAt))
		for _, e := range errs {
			if !strings.HasPrefix(e.Source, name) {
				t.Fatalf("error source %q is not within %q", e.Source, name)
			}
		}
		for _, a := range arts {
			if !strings.HasPrefix(a.Origin, name) {
				t.Fatalf("article origin %q is not within %q", a.Origin, name)
			}
		}
		if stopAt == 0 && int64(len(data)) > r.opts.MaxBytes && !looksLikeJSONL(data) && (len(arts) > 0 || len(errs) != 1 || !strings.Contains(errs[0].Error(), "--max-bytes")) {
			t.Fatalf("input of %d bytes over the %d limit not refused: %d articles, %d errors", len(data), r.opts.MaxBytes, len(arts), len(errs))
		}
		if stopAt == 0 && len(bytes.TrimSpace(data)) == 0 && (len(arts) > 0 || len(errs) != 1) {
			t.Fatalf("blank input gave %d articles and %d errors", len(arts), len(errs))
		}
		collectAll(t, r.Articles(ctx, []string{"-"}, bytes.NewReader(data)), int(stopAt))
	})
}

// FuzzDecodeText checks charset detection and decoding, binary sniffing,
// normalization, one-line cleaning and language detection.
func FuzzDecodeText(f *testing.F) {
	for _, s := range readerSeeds() {
		f.Add(s, "")
	}
	f.Add([]byte("<meta charset=\"koi8-r\">\xf0\xd2\xc9\xd7\xc5\xd4"), "text/html")
	f.Add([]byte("\xa4 euro"), "text/plain; charset=iso-8859-15")
	f.Add([]byte("\x82\xb1\x82\xf1"), "text/html; charset=shift_jis")
	f.Add([]byte("plain"), "text/plain; charset=utf-16")
	f.Add([]byte("a\u3000\nb\u2028\n\u00a0\n\u0085c"), "")
	f.Add([]byte("tabs\tand\u00a0spaces \n\n\n\n next \x7f\u200b\ufeff"), "")
	f.Add([]byte("ideographic space at a line end\u3000\nnext line"), "")
	f.Add([]byte("page one. \f\f\fpage two\vthree \f\nfour"), "")
	f.Add([]byte("\x01 leading space after a control character"), "")
	f.Add([]byte("He said \xe2\x80\x9cno\xe2\x80\x9d and \x9d left \xef\xbf\xbd."), "")
	f.Add([]byte("\xef\xbb\xbftruncated \xe2\x80"), "")
	f.Add([]byte("<meta charset=utf-8>caf\xe9"), "text/html")
	f.Fuzz(func(t *testing.T, data []byte, contentType string) {
		defer watchdog(10*time.Second, "FuzzDecodeText")()
		_ = sniff(data, contentType)
		_ = binaryKind(data)
		s, enc, bad := decodeText(data, contentType)
		if !utf8.ValidString(s) {
			t.Fatalf("decodeText(%q, %q) = %q (%s): not valid UTF-8", data, contentType, s, enc)
		}
		utf16BOM := bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff})
		switch {
		case enc == "":
			t.Fatalf("decodeText(%q) names no encoding", data)
		case !utf16BOM && utf8.Valid(data):
			if want := string(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))); s != want || enc != "utf-8" {
				t.Fatalf("valid UTF-8 %q decoded as %s to %q", data, enc, s)
			}
		case enc == "windows-1252" || enc == "iso-8859-1":
			if n := utf8.RuneCountInString(s); n != len(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))) {
				t.Fatalf("single-byte %s decoding of %d bytes gave %d characters", enc, len(data), n)
			}
		}
		// Replaced bytes are reported exactly: only for damaged UTF-8, each
		// offset an invalid byte of the input, in order, and putting the
		// input's bytes back where the replacement characters stand gives
		// the input again.
		if len(bad) > 0 {
			if enc != "utf-8" || utf8.Valid(data) {
				t.Fatalf("decodeText(%q) reported bad bytes %v for %s input", data, bad, enc)
			}
			start := 0
			if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
				start = 3
			}
			var back []byte
			prev, rest := start, s
			for _, o := range bad {
				if o < prev || o >= len(data) {
					t.Fatalf("bad offsets %v out of order or range for %d bytes", bad, len(data))
				}
				i := strings.Index(rest, "\ufffd")
				for i >= 0 && i < o-prev {
					// A U+FFFD the input itself held.
					j := strings.Index(rest[i+3:], "\ufffd")
					if j < 0 {
						i = -1
						break
					}
					i += 3 + j
				}
				if i != o-prev {
					t.Fatalf("decodeText(%q): no replacement for the byte at %d in %q", data, o, s)
				}
				back = append(back, rest[:i]...)
				back = append(back, data[o])
				rest, prev = rest[i+3:], o+1
			}
			back = append(back, rest...)
			if !bytes.Equal(back, data[start:]) {
				t.Fatalf("decodeText(%q) = %q with bad %v does not give the input back (%q)", data, s, bad, back)
			}
		}
		n := normalizeText(s)
		checkNormalized(t, n)
		if normalizeText(n) != n {
			t.Fatalf("normalizeText is not idempotent on %q: %q then %q", s, n, normalizeText(n))
		}
		// Normalization drops only space and invisible characters.
		strip := func(s string) string {
			return strings.Map(func(r rune) rune {
				if unicode.IsSpace(r) || unicode.Is(unicode.Cc, r) || r == '\u200b' || r == '\ufeff' {
					return -1
				}
				return r
			}, s)
		}
		if strip(n) != strip(s) {
			t.Fatalf("normalizeText changed visible text: %q -> %q", s, n)
		}
		c := cleanLine(s)
		if strings.ContainsAny(c, "\n\r\t") || strings.Contains(c, "  ") || strings.TrimSpace(c) != c || cleanLine(c) != c {
			t.Fatalf("cleanLine(%q) = %q is not one clean line", s, c)
		}
		if l := detectLang(s); l != "en" && l != "und" {
			t.Fatalf("detectLang = %q", l)
		}
	})
}

// FuzzTextArticle checks the plain-text reader: the "Key: value" header
// block and the article made of the text, as readBytes hands it over.
func FuzzTextArticle(f *testing.F) {
	for _, s := range readerSeeds() {
		f.Add(string(s))
	}
	f.Add("\n\nTitle: after blank lines\nDate: 5 October 2016\n\nBody.")
	f.Add("title: lower\nLANGUAGE: en\nid: x1\nlink: https://e.org/x\nAuthor: Someone\n\nBody.")
	f.Add("Title: x\nPublished: \n\nBody with an empty date.")
	f.Add("Title: x\nPublished: 2016-02-30\n\nImpossible date.")
	f.Add("Title: x\nUnknown: y\n\nNot a header.")
	f.Add("Title x\n\nNo colon.")
	f.Add("Published: 2016-10-05T25:61:00Z\n\nBad time.")
	f.Add("A short title line\nand then the body.")
	f.Add("Published: \nDate: 2016-10-05\n\nAn empty Published and a Date.")
	f.Add("Date: 2017-01-01\nPublished: 2016-10-05\nLink: https://e.org/b\nURL: https://e.org/a\n\nBoth given.")
	f.Fuzz(func(t *testing.T, raw string) {
		defer watchdog(10*time.Second, "FuzzTextArticle")()
		text, _, _ := decodeText([]byte(raw), "")
		text = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(text)

		hdr, rest, ok := splitHeader(text)
		if ok {
			if len(hdr) == 0 || !strings.HasSuffix(text, rest) {
				t.Fatalf("splitHeader(%q) = %v, %q: empty header or rest not a suffix", text, hdr, rest)
			}
			for k, v := range hdr {
				if !headerKeys[k] || strings.TrimSpace(v) != v {
					t.Fatalf("splitHeader(%q): bad key %q or untrimmed value %q", text, k, v)
				}
			}
		} else if hdr != nil || rest != strings.TrimLeft(text, "\n") {
			t.Fatalf("splitHeader(%q) failed but returned %v, %q", text, hdr, rest)
		}

		r := NewReader(Options{Published: "2001-02-03"})
		a, err := r.textArticle("story.txt", text)
		if err != nil {
			msg := err.Error()
			if !strings.HasPrefix(msg, "header published: ") && !strings.HasPrefix(msg, "header date: ") && msg != "no article text found" {
				t.Fatalf("textArticle(%q): unexpected error %q", text, msg)
			}
			if strings.HasPrefix(msg, "header ") {
				if !ok || !strings.Contains(msg, "cannot read date") {
					t.Fatalf("textArticle(%q): date error %q without a header date", text, msg)
				}
			}
			return
		}
		a.Origin = "story.txt"
		checkArticle(t, a)
		if ok {
			// An empty header title leaves the title to be derived from
			// the text, in brackets.
			if v, has := hdr["title"]; has && cleanLine(v) != "" && a.Title != cleanLine(v) {
				t.Fatalf("header title %q became %q", v, a.Title)
			}
			// "Published" wins over "Date", whatever the order.
			v := hdr["published"]
			if v == "" {
				v = hdr["date"]
			}
			if d, _ := parseDate(v); d != "" && a.Published != d {
				t.Fatalf("header %v gave published %q, want %q", hdr, a.Published, d)
			}
		}
		if a.Published == "" {
			t.Fatalf("article without a date did not get the default: %+v", a)
		}
	})
}

// FuzzParseDate checks the publication-date reader of headers, corpora and
// feeds, and the dateline date reader.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{
		"2016-10-05", "2016-10-05T14:03:00Z", "2016-10-05T14:03:00.123456789+05:30", "2016-10-05 14:03:00",
		"2016-10-05 14:03:00+02", "2016-10-05 14:03:00.5-07", "Wed, 05 Oct 2016 14:03:00 +0000",
		"Wed, 05 Oct 2016 14:03:00 GMT", "5 Oct 16 14:03 +0000", "Mon, 2 Jan 2006 15:04:05 -0700",
		"5 October 2016", "October 5, 2016", "Oct 5, 2016", "2016/10/05", "20161005", "2016-10-05garbage",
		"", "   ", "2016-02-30", "2016-13-01", "0000-01-01", "9999-12-31", "yesterday", "05/10/2016",
		"2016-10-05T25:00:00Z", "\x00", "２０１６-10-05", "2016-10-0", "2016-1-5",
	} {
		f.Add(s)
	}
	for _, s := range []string{
		"MOSCOW, Oct. 5, 2016 (Reuters) - Russia said", "GENEVA, 12 March 2019 — Talks", "NEW YORK, Sept. 11, 2001 -- Planes",
		"KABUL, Afghanistan, Feb. 30, 2019 (AP) — x", "BEIRUT, Lebanon, 31 Jun 2016 – x", "ALEPPO, Syria, Oct 5 2016 - x",
	} {
		f.Add(s)
	}
	layoutRe := regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	f.Fuzz(func(t *testing.T, s string) {
		defer watchdog(10*time.Second, "FuzzParseDate")()
		d, err := parseDate(s)
		switch {
		case err != nil:
			if d != "" {
				t.Fatalf("parseDate(%q) = %q with error %v", s, d, err)
			}
			if !strings.Contains(err.Error(), "cannot read date "+strconv.Quote(strings.TrimSpace(s))) {
				t.Fatalf("parseDate(%q): error %q does not quote the input", s, err)
			}
		case strings.TrimSpace(s) == "":
			if d != "" {
				t.Fatalf("parseDate(%q) = %q, want no date", s, d)
			}
		default:
			checkDate(t, fmt.Sprintf("parseDate(%q)", s), d)
			if v := strings.TrimSpace(s); layoutRe.MatchString(v) && string(d) != v {
				t.Fatalf("parseDate(%q) = %q, want the date as written", s, d)
			}
		}
		dl := datelineDate(s)
		checkDate(t, fmt.Sprintf("datelineDate(%q)", s), dl)
		if dl != "" && !datelineRe.MatchString(s[:min(len(s), 120)]) {
			t.Fatalf("datelineDate(%q) = %q without a dateline", s, dl)
		}
	})
}

// FuzzHTML checks page extraction, the fallback renderer and the title
// reader on arbitrary markup.
func FuzzHTML(f *testing.F) {
	for _, s := range readerSeeds() {
		f.Add(s, "text/html")
	}
	f.Add([]byte(`<html><head><meta charset="windows-1252"><title>Caf`+"\xe9"+`</title></head><body><p>Caf`+"\xe9 \x93quoted\x94"+`</p></body></html>`), "")
	f.Add([]byte(`<html><body><script>var s = "<p>not text</p>";</script><p>Visible</p><style>p{}</style></body></html>`), "text/html; charset=utf-8")
	f.Add([]byte(`<table><tr><td>Killed</td><td>14</td></tr></table><ul><li>one<li>two</ul>`), "text/html")
	f.Add([]byte(`<html><head><title>Only a title</title></head><body></body></html>`), "")
	f.Add([]byte(`<html><body><p>`+strings.Repeat("<span>", 300)+`deep`), "")
	f.Add([]byte(`<title>`+"\n  spaced \t title\n"+`</title><p>Text</p>`), "")
	f.Add([]byte(`<html><head><meta http-equiv="content-type" content="text/html; charset=utf-16"></head><body><p>x</p></body></html>`), "")
	f.Add(utf16LE(`<html><body><p>Sixteen-bit page text.</p></body></html>`), "")
	f.Fuzz(func(t *testing.T, data []byte, contentType string) {
		defer watchdog(10*time.Second, "FuzzHTML")()
		r := NewReader(Options{Client: offline(t, false)})
		a, err := r.readHTML("https://example.org/news/story.html", data, contentType)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error")
			}
		} else {
			checkArticle(t, a)
			if a.URL != "https://example.org/news/story.html" {
				t.Fatalf("page URL lost: %q", a.URL)
			}
		}
		s := string(data)
		if !utf8.ValidString(s) {
			s, _, _ = decodeText(data, "text/html")
		}
		plain := htmlText(s)
		checkNormalized(t, plain)
		if normalizeText(plain) != plain {
			t.Fatalf("htmlText(%q) = %q is not normalized", s, plain)
		}
		if title := htmlTitle(s); title != collapseSpace(title) {
			t.Fatalf("htmlTitle(%q) = %q is not collapsed", s, title)
		}
	})
}

// page is the linked page the fake web serves to feed items that hold
// only a summary.
const page = `<html><head><title>Linked page</title></head><body><article><p>The linked page says that troops entered the town on Monday after a week of shelling, and that the town's mayor fled.</p><p>Residents said dozens of families left.</p></article></body></html>`

// FuzzFeed checks the RSS/Atom/RDF reader: items are numbered in order,
// each yields an article or an error naming it, and items holding only a
// summary have their linked page fetched (from a fake web) or fail naming
// the fetch.
func FuzzFeed(f *testing.F) {
	for _, s := range [][]byte{[]byte(seedRSS), []byte(seedAtom), []byte(seedRDF)} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Add([]byte(`<rss><channel><item><link>https://example.org/a</link></item><item><link>http://example.org/404</link></item><item><link>ftp://x</link><description>short</description></item></channel></rss>`), false)
	f.Add([]byte(`<rss><channel><item><guid>`+strings.Repeat("g", 300)+`</guid><description>long guid</description><pubDate>32 Jan 2016</pubDate></item></channel></rss>`), true)
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><published>0001-01-01T00:00:00Z</published><summary>Year one.</summary></entry><entry><updated>9999-12-31T23:59:59-23:59</updated><summary>Far future.</summary></entry></feed>`), true)
	f.Add([]byte(`<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><item><description>caf`+"\xe9"+`</description></item></channel></rss>`), true)
	f.Add([]byte(`<?xml version="1.0" encoding="x-unknown"?><rss><channel><item><description>x</description></item></channel></rss>`), true)
	f.Add([]byte(`<rss><channel><item><description><![CDATA[<script>alert(1)</script>]]></description></item></channel></rss>`), true)
	f.Add([]byte(`<rss><channel></channel></rss>`), true)
	f.Add([]byte(`<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><rss><channel><item><description>&b;&b;</description></item></channel></rss>`), true)
	f.Fuzz(func(t *testing.T, data []byte, noFetch bool) {
		defer watchdog(10*time.Second, "FuzzFeed")()
		client := &http.Client{Transport: roundTrip(func(req *http.Request) (*http.Response, error) {
			if noFetch {
				t.Errorf("request for %s with NoFetch", req.URL)
			}
			status, body := http.StatusOK, page
			if strings.Contains(req.URL.Path, "404") {
				status, body = http.StatusNotFound, "not found"
			}
			return &http.Response{StatusCode: status, Status: strconv.Itoa(status) + " " + http.StatusText(status),
				Header: http.Header{"Content-Type": {"text/html; charset=utf-8"}}, Body: io.NopCloser(strings.NewReader(body)), Request: req}, nil
		})}
		r := NewReader(Options{NoFetch: noFetch, Client: client})
		var arts []sitrep.Article
		var errs []*Error
		n, lastItem := 0, 0
		itemOf := func(where string) int {
			if where == "feed.xml" {
				return 0
			}
			k, err := strconv.Atoi(strings.TrimPrefix(where, "feed.xml item "))
			if err != nil || !strings.HasPrefix(where, "feed.xml item ") || k <= lastItem {
				t.Fatalf("item named %q after item %d", where, lastItem)
			}
			lastItem = k
			return k
		}
		r.readFeed(context.Background(), "feed.xml", data, func(a sitrep.Article, err error) bool {
			n++
			if err != nil {
				e := checkError(t, err)
				if itemOf(e.Source) == 0 && n != 1 {
					t.Fatalf("feed-level error %q after items", err)
				}
				errs = append(errs, e)
				return true
			}
			checkArticle(t, a)
			if itemOf(a.Origin) == 0 {
				t.Fatalf("article origin %q names no item", a.Origin)
			}
			arts = append(arts, a)
			return true
		})
		if n == 0 {
			t.Fatal("feed yielded nothing")
		}
	})
}

// FuzzJSONL checks the corpus reader line by line: every non-blank line,
// and only those, yields one article or one error named by its line
// number, lines over the limit are refused by number, and a corpus with no
// line is an error. Whole JSON documents (an object or an array) yield one
// result per element, named by index.
func FuzzJSONL(f *testing.F) {
	for _, s := range readerSeeds() {
		f.Add(s, uint16(0))
	}
	f.Add([]byte(seedJSONL), uint16(60))
	f.Add([]byte("{\"text\":\"a\"}\r\n{\"text\":\"b\"}"), uint16(14))
	f.Add([]byte("{\"text\":\"a\"}\n   \n\t\n{\"text\":\"b\", \"published\": null, \"lang\": \"fr\"}\n"), uint16(0))
	f.Add([]byte("{\"text\":\"x\", \"published\": \"not a date\"}\n{\"text\": 5}\n{\"html\": \"<script>x</script>\"}\n{\"text\":\"x\",\"text\":\"y\"}\n"), uint16(0))
	f.Add([]byte("\xef\xbb\xbf{\"text\":\"bom\"}\n"), uint16(0))
	f.Fuzz(func(t *testing.T, data []byte, maxBytes uint16) {
		defer watchdog(10*time.Second, "FuzzJSONL")()
		r := NewReader(Options{MaxBytes: int64(maxBytes), NoFetch: true, Client: offline(t, false)})
		max := r.opts.MaxBytes

		// What the reader must report, line by line.
		var want []string
		seen := 0
		rest := data
		for line := 1; len(rest) > 0; line++ {
			l := rest
			if i := bytes.IndexByte(rest, '\n'); i >= 0 {
				l = rest[:i+1]
			}
			rest = rest[len(l):]
			where := fmt.Sprintf("c.jsonl:%d", line)
			switch {
			case int64(len(l)) > max:
				want = append(want, where+" too long")
			case strings.TrimSpace(string(l)) != "":
				want = append(want, where)
				seen++
			}
		}
		if seen == 0 {
			want = append(want, "c.jsonl empty")
		}
		var got []string
		r.readJSONL(context.Background(), "c.jsonl", bytes.NewReader(data), func(a sitrep.Article, err error) bool {
			if err != nil {
				e := checkError(t, err)
				switch {
				case strings.HasPrefix(e.Err.Error(), "line is over the"):
					got = append(got, e.Source+" too long")
				case e.Source == "c.jsonl" && strings.HasPrefix(e.Err.Error(), "empty corpus"):
					got = append(got, "c.jsonl empty")
				default:
					got = append(got, e.Source)
				}
				return true
			}
			checkArticle(t, a)
			got = append(got, a.Origin)
			return true
		})
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("corpus %q (limit %d) read as\n%s\nwant\n%s", data, max, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}

		if whole, ok := wholeJSON(data); ok {
			n := 0
			r.readJSONDocument("d.json", whole, func(a sitrep.Article, err error) bool {
				where := a.Origin
				if err != nil {
					where = checkError(t, err).Source
				} else {
					checkArticle(t, a)
				}
				if where != "d.json" && where != fmt.Sprintf("d.json[%d]", n) {
					t.Fatalf("document result %d named %q", n, where)
				}
				n++
				return true
			})
			if n == 0 {
				t.Fatalf("document %q yielded nothing", whole)
			}
		}
	})
}
