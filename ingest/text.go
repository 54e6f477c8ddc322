package ingest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"sitrep"
)

// textArticle reads a plain-text article. An optional header block of
// "Key: value" lines followed by a blank line gives its metadata:
//
//	Title: Air strikes kill 14 in eastern Aleppo
//	Source: Example Wire
//	Published: 2016-10-06
//	URL: https://example.org/aleppo
//
// Without one, a short first line with no closing punctuation is taken as
// the title and the whole text is the article.
func (r *Reader) textArticle(name, text string) (sitrep.Article, error) {
	a := sitrep.Article{Origin: name}
	body := text
	if hdr, rest, ok := splitHeader(text); ok {
		// Of two keys for one field the first given wins, whatever the
		// map's order: "Published" over "Date", "URL" over "Link".
		first := func(keys ...string) (string, string) {
			for _, k := range keys {
				if v := hdr[k]; v != "" {
					return k, v
				}
			}
			return "", ""
		}
		a.Title, a.Source, a.ID = hdr["title"], hdr["source"], hdr["id"]
		_, a.URL = first("url", "link")
		_, a.Lang = first("lang", "language")
		if k, v := first("published", "date"); k != "" {
			d, err := parseDate(v)
			if err != nil {
				return a, fmt.Errorf("header %s: %w", k, err)
			}
			a.Published = d
		}
		body = rest
	} else if first, _, _ := strings.Cut(strings.TrimSpace(text), "\n"); len(first) < 160 && !strings.ContainsAny(lastRune(first), ".!?\"”:") && strings.Contains(strings.TrimSpace(text), "\n") {
		a.Title = first
	}
	a.Text = body
	if err := r.finish(&a); err != nil {
		return a, err
	}
	return a, nil
}

func lastRune(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] < 0x80 || s[i] >= 0xc0 {
			return s[i:]
		}
	}
	return s
}

var headerKeys = map[string]bool{
	"title": true, "source": true, "published": true, "date": true, "url": true,
	"link": true, "id": true, "lang": true, "language": true, "author": true,
}

// splitHeader separates a "Key: value" header block from the body.
func splitHeader(text string) (map[string]string, string, bool) {
	text = strings.TrimLeft(text, "\n")
	hdr := map[string]string{}
	rest := text
	for {
		line, after, found := strings.Cut(rest, "\n")
		line = strings.TrimRight(line, "\r ")
		if line == "" {
			if len(hdr) == 0 {
				return nil, text, false
			}
			return hdr, after, true
		}
		k, v, ok := strings.Cut(line, ":")
		k = strings.ToLower(strings.TrimSpace(k))
		if !ok || !headerKeys[k] {
			return nil, text, false
		}
		hdr[k] = strings.TrimSpace(v)
		if !found {
			return nil, text, false
		}
		rest = after
	}
}

// parseDate reads a publication date in the forms feeds, pages and corpora
// use, keeping the calendar day as written (no time-zone shift).
func parseDate(s string) (sitrep.Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	layouts := []string{
		time.DateOnly, time.RFC3339, time.RFC3339Nano, "2006-01-02T15:04:05",
		"2006-01-02 15:04:05", "2006-01-02 15:04:05-07", "2006-01-02 15:04:05.999999-07",
		time.RFC1123Z, time.RFC1123, time.RFC822Z, time.RFC822,
		"Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST",
		"2 January 2006", "January 2, 2006", "Jan 2, 2006", "2006/01/02", "20060102",
	}
	for _, l := range layouts {
		if t, err := time.Parse(l, s); err == nil {
			return sitrep.DateOf(t), nil
		}
	}
	if len(s) > 10 {
		if t, err := time.Parse(time.DateOnly, s[:10]); err == nil {
			return sitrep.DateOf(t), nil
		}
	}
	return "", fmt.Errorf("cannot read date %q (want YYYY-MM-DD)", s)
}

// corpusLine is one line of a JSON Lines corpus.
type corpusLine struct {
	ID        string          `json:"id"`
	URL       string          `json:"url"`
	Title     string          `json:"title"`
	Source    string          `json:"source"`
	Published json.RawMessage `json:"published"`
	Lang      string          `json:"lang"`
	Text      *string         `json:"text"`
	HTML      *string         `json:"html"`
}

// readJSONL reads a corpus, one JSON object a line. A bad line is reported
// with its line number and skipped.
func (r *Reader) readJSONL(ctx context.Context, name string, rd io.Reader, yield yieldFunc) bool {
	br := bufio.NewReaderSize(rd, 256<<10)
	line := 0
	seen := 0
	for {
		if ctx.Err() != nil {
			return false
		}
		b, tooLong, err := readLine(br, r.opts.MaxBytes)
		if err == io.EOF && len(b) == 0 && !tooLong {
			break
		}
		line++
		where := fmt.Sprintf("%s:%d", name, line)
		if err != nil && err != io.EOF {
			return fail(yield, where, fmt.Errorf("read: %w", err))
		}
		if tooLong {
			if !fail(yield, where, fmt.Errorf("line is over the %s limit for one article (--max-bytes)", humanBytes(r.opts.MaxBytes))) {
				return false
			}
			continue
		}
		if len(strings.TrimSpace(string(b))) == 0 {
			continue
		}
		seen++
		a, perr := r.corpusArticle(where, b)
		if perr != nil {
			if !fail(yield, where, perr) {
				return false
			}
		} else if !yield(a, nil) {
			return false
		}
		if err == io.EOF {
			break
		}
	}
	if seen == 0 {
		return fail(yield, name, errors.New("empty corpus: no JSON lines"))
	}
	return true
}

// readLine reads one line of at most max bytes; a longer line is consumed
// and reported as too long.
func readLine(br *bufio.Reader, max int64) ([]byte, bool, error) {
	var buf []byte
	tooLong := false
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if int64(len(buf)+len(chunk)) > max {
				tooLong = true
				buf = nil
			} else {
				buf = append(buf, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		return buf, tooLong, err
	}
}

func (r *Reader) corpusArticle(where string, b []byte) (sitrep.Article, error) {
	if what := binaryKind(b); what != "" {
		return sitrep.Article{}, fmt.Errorf("binary data (%s), not a JSON line", what)
	}
	var c corpusLine
	if err := json.Unmarshal(b, &c); err != nil {
		return sitrep.Article{}, fmt.Errorf("invalid JSON: %v", jsonErr(err))
	}
	a := sitrep.Article{ID: c.ID, URL: c.URL, Title: c.Title, Source: c.Source, Lang: c.Lang, Origin: where}
	if len(c.Published) > 0 && string(c.Published) != "null" {
		var s string
		if err := json.Unmarshal(c.Published, &s); err != nil {
			return a, fmt.Errorf("published: want a date string, got %s", c.Published)
		}
		d, err := parseDate(s)
		if err != nil {
			return a, fmt.Errorf("published: %w", err)
		}
		a.Published = d
	}
	switch {
	case c.Text != nil && strings.TrimSpace(*c.Text) != "":
		a.Text = *c.Text
	case c.HTML != nil && strings.TrimSpace(*c.HTML) != "":
		ha, err := r.readHTML(where, []byte(*c.HTML), "text/html; charset=utf-8")
		if err != nil {
			return a, err
		}
		a.Text = ha.Text
		if a.Title == "" {
			a.Title = ha.Title
		}
		if a.Published == "" {
			a.Published = ha.Published
		}
	default:
		return a, errors.New(`no "text" or "html" field`)
	}
	if err := r.finish(&a); err != nil {
		return a, err
	}
	return a, nil
}

func jsonErr(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("%v (at byte %d)", se, se.Offset)
	}
	return err.Error()
}

// wholeJSON reports whether data is one JSON document (a pretty-printed
// object, or an array of objects) rather than JSON Lines.
func wholeJSON(data []byte) ([]byte, bool) {
	d := bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
	if len(d) == 0 || !json.Valid(d) {
		return nil, false
	}
	if d[0] == '[' {
		return d, true
	}
	// A single object spread over several lines.
	return d, d[0] == '{' && bytes.Contains(d, []byte("\n"))
}

// readJSONDocument reads a JSON file holding one article object or an
// array of them, in the corpus line format.
func (r *Reader) readJSONDocument(name string, d []byte, yield yieldFunc) bool {
	var items []json.RawMessage
	if d[0] == '[' {
		if err := json.Unmarshal(d, &items); err != nil {
			return fail(yield, name, fmt.Errorf("invalid JSON: %v", jsonErr(err)))
		}
	} else {
		items = []json.RawMessage{d}
	}
	if len(items) == 0 {
		return fail(yield, name, errors.New("empty JSON array: no articles"))
	}
	for i, it := range items {
		where := name
		if d[0] == '[' {
			where = fmt.Sprintf("%s[%d]", name, i)
		}
		a, err := r.corpusArticle(where, it)
		if err != nil {
			if !fail(yield, where, err) {
				return false
			}
			continue
		}
		if !yield(a, nil) {
			return false
		}
	}
	return true
}

// datelineRe matches a wire dateline that carries a full date: "MOSCOW,
// Oct. 5, 2016 (Reuters) -", "GENEVA, 12 March 2019 —".
var datelineRe = regexp.MustCompile(`^[A-Z][A-Z .'-]{1,40}(?:, [A-Za-z .'-]{2,30})?, ` +
	`((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2},? \d{4}|\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{4})` +
	`\s*(?:\([^)]{1,40}\))?\s*(?:—|–|-{1,2})`)

// datelineDate reads the publication date a dateline gives, or "".
func datelineDate(text string) sitrep.Date {
	head := text
	if len(head) > 120 {
		head = head[:120]
	}
	m := datelineRe.FindStringSubmatch(head)
	if m == nil {
		return ""
	}
	s := strings.NewReplacer("Sept.", "Sep", ".", "", ",", "").Replace(m[1])
	for _, layout := range []string{"Jan 2 2006", "January 2 2006", "2 Jan 2006", "2 January 2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return sitrep.DateOf(t)
		}
	}
	return ""
}
