// Package ingest turns sources of news into Articles: plain-text files,
// directories, standard input, JSON Lines corpora, HTML pages and RSS/Atom
// feeds, from disk or over HTTP. Like gofeed, it detects a source's format,
// reads it with that format's own reader, and translates the result into the
// one universal type, sitrep.Article.
//
// A source that cannot be read (binary, empty, too large, malformed, timed
// out) yields an *Error naming it and the reason; the other sources go on.
package ingest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"sitrep"
)

// Error is a source, or one item of a source, that could not be read.
type Error struct {
	Source string // file path, URL, "stdin", or "corpus.jsonl:12"
	Err    error
}

func (e *Error) Error() string { return e.Source + ": " + e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// Options configure a Reader. The zero value is usable.
type Options struct {
	// Published is the publication date given to articles whose input has
	// none.
	Published sitrep.Date
	// MaxBytes caps one article's input (a text file, a page, a JSON line).
	// Zero means DefaultMaxBytes.
	MaxBytes int64
	// Timeout bounds each HTTP request. Zero means DefaultTimeout.
	Timeout time.Duration
	// Retries is how many more times Client tries a request that timed
	// out or failed for a while (package fetch's clients do); the time
	// allowed for one fetch covers them (see FetchDeadline).
	Retries int
	// Client makes HTTP requests; nil means a client with Timeout.
	Client *http.Client
	// NoFetch stops feeds from fetching linked pages for items that hold
	// only a summary.
	NoFetch bool
	// UserAgent is sent with every request.
	UserAgent string
	// Skip, when set, is asked about each feed item's link before its page
	// is fetched; items it reports true for (already stored, say) are
	// passed over silently.
	Skip func(url string) bool
	// Warn, when set, is told of what was read but not as given: source
	// names the input (a path, URL or "stdin") and msg what was done, as in
	// "invalid UTF-8 byte 0x9D at byte offset 1041 replaced with U+FFFD".
	// The article is yielded as usual.
	Warn func(source, msg string)
}

const (
	DefaultMaxBytes = 16 << 20
	DefaultTimeout  = 30 * time.Second
	// RetryWait bounds the wait before a retry that FetchDeadline allows
	// (package fetch's default longest wait).
	RetryWait = 30 * time.Second
	// summaryLen is the length of feed-item text under which the item is
	// taken to be a summary and its linked page is fetched.
	summaryLen = 600
)

// Reader reads sources into articles.
type Reader struct {
	opts   Options
	client *http.Client
}

// NewReader returns a Reader with opts.
func NewReader(opts Options) *Reader {
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.UserAgent == "" {
		opts.UserAgent = sitrep.UserAgent
	}
	c := opts.Client
	if c == nil {
		c = &http.Client{
			Timeout: opts.Timeout,
			CheckRedirect: func(req *http.Request, via []*http.Request) error {
				if len(via) >= 10 {
					return errors.New("more than 10 redirects")
				}
				return nil
			},
		}
	}
	return &Reader{opts: opts, client: c}
}

// Articles yields the articles of every source in order, and an *Error for
// each source or item that could not be read. A source is a path (file or
// directory), "-" for standard input, or an http(s) URL.
func (r *Reader) Articles(ctx context.Context, sources []string, stdin io.Reader) iter.Seq2[sitrep.Article, error] {
	return func(yield func(sitrep.Article, error) bool) {
		for _, src := range sources {
			if ctx.Err() != nil {
				return
			}
			var ok bool
			switch {
			case src == "-":
				ok = r.readStream(ctx, "stdin", "", stdin, yield)
			case isURL(src):
				ok = r.readURL(ctx, src, yield)
			default:
				ok = r.readPath(ctx, src, yield)
			}
			if !ok {
				return
			}
		}
	}
}

type yieldFunc = func(sitrep.Article, error) bool

func fail(yield yieldFunc, source string, err error) bool {
	return yield(sitrep.Article{}, &Error{Source: source, Err: err})
}

func isURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// readPath reads a file, or every article file under a directory.
func (r *Reader) readPath(ctx context.Context, path string, yield yieldFunc) bool {
	fi, err := os.Stat(path)
	if err != nil {
		return fail(yield, path, cleanPathErr(err))
	}
	if !fi.IsDir() {
		return r.readFile(ctx, path, fi, yield)
	}
	// WalkDir does not follow a symbolic link at its root; a trailing
	// separator makes it walk the directory the link points to.
	root := path
	if lfi, err := os.Lstat(path); err == nil && lfi.Mode()&fs.ModeSymlink != 0 {
		root = path + string(filepath.Separator)
	}
	var files []string
	stopped := false
	walkErr := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if !fail(yield, p, cleanPathErr(err)) {
				stopped = true
				return fs.SkipAll
			}
			return nil
		}
		name := d.Name()
		if p != root && strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() && articleFile(name) {
			files = append(files, p)
		}
		return nil
	})
	if walkErr != nil || stopped {
		return false
	}
	sort.Strings(files)
	for _, f := range files {
		if ctx.Err() != nil {
			return false
		}
		fi, err := os.Stat(f)
		if err != nil {
			if !fail(yield, f, cleanPathErr(err)) {
				return false
			}
			continue
		}
		if !r.readFile(ctx, f, fi, yield) {
			return false
		}
	}
	return true
}

// articleFile says whether a file met while walking a directory holds
// articles: text, HTML, feed and corpus files, but not a README or LICENSE.
func articleFile(name string) bool {
	base := strings.ToUpper(strings.TrimSuffix(name, filepath.Ext(name)))
	if base == "README" || base == "LICENSE" || base == "COPYING" || base == "NOTICE" {
		return false
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".txt", ".text", ".html", ".htm", ".xhtml", ".xml", ".rss", ".atom",
		".jsonl", ".ndjson", ".json", "":
		return true
	}
	return false
}

func cleanPathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}

func (r *Reader) readFile(ctx context.Context, path string, fi fs.FileInfo, yield yieldFunc) bool {
	if !fi.Mode().IsRegular() {
		return fail(yield, path, errors.New("not a regular file"))
	}
	f, err := os.Open(path)
	if err != nil {
		return fail(yield, path, cleanPathErr(err))
	}
	defer f.Close()
	if isCorpusName(path) {
		return r.readJSONL(ctx, path, f, yield)
	}
	if fi.Size() > r.opts.MaxBytes {
		// A large file may still be a corpus or a feed; look before refusing.
		head := make([]byte, 512)
		n, _ := io.ReadFull(f, head)
		if streamableJSONL(head[:n]) {
			if _, err := f.Seek(0, io.SeekStart); err != nil {
				return fail(yield, path, err)
			}
			return r.readJSONL(ctx, path, f, yield)
		}
		return fail(yield, path, fmt.Errorf("file is %s, over the %s limit for one article (--max-bytes)",
			humanBytes(fi.Size()), humanBytes(r.opts.MaxBytes)))
	}
	return r.readStream(ctx, path, "", f, yield)
}

func isCorpusName(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".jsonl", ".ndjson":
		return true
	}
	return false
}

// readStream reads one source of unknown format: it sniffs the bytes and
// hands them to the reader of the format found.
func (r *Reader) readStream(ctx context.Context, name, contentType string, rd io.Reader, yield yieldFunc) bool {
	br := newPeekReader(rd)
	head := br.peek(4096)
	if streamableJSONL(head) && !strings.Contains(contentType, "html") {
		return r.readJSONL(ctx, name, br, yield)
	}
	data, err := io.ReadAll(io.LimitReader(br, r.opts.MaxBytes+1))
	if err != nil {
		return fail(yield, name, fmt.Errorf("read: %w", err))
	}
	if int64(len(data)) > r.opts.MaxBytes {
		return fail(yield, name, fmt.Errorf("input is over the %s limit for one article (--max-bytes)", humanBytes(r.opts.MaxBytes)))
	}
	return r.readBytes(ctx, name, contentType, data, yield)
}

// readBytes reads a whole source held in memory.
func (r *Reader) readBytes(ctx context.Context, name, contentType string, data []byte, yield yieldFunc) bool {
	if len(bytes.TrimSpace(data)) == 0 {
		return fail(yield, name, errors.New("empty input"))
	}
	if what := binaryKind(data); what != "" {
		return fail(yield, name, fmt.Errorf("binary data (%s), not text", what))
	}
	if hint := extHint(name); hint != "" && contentType == "" {
		contentType = hint
	}
	switch sniff(data, contentType) {
	case formatFeed:
		return r.readFeed(ctx, name, data, yield)
	case formatHTML:
		a, err := r.readHTML(name, data, contentType)
		if err != nil {
			return fail(yield, name, err)
		}
		return yield(a, nil)
	case formatJSONL:
		if whole, ok := wholeJSON(data); ok {
			return r.readJSONDocument(name, whole, yield)
		}
		return r.readJSONL(ctx, name, bytes.NewReader(data), yield)
	}
	text, _, bad := decodeText(data, contentType)
	r.warnBadBytes(name, data, bad)
	text = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(text)
	a, err := r.textArticle(name, text)
	if err != nil {
		return fail(yield, name, err)
	}
	return yield(a, nil)
}

// warnBadBytes reports the bytes of data that decoding replaced.
func (r *Reader) warnBadBytes(name string, data []byte, bad []int) {
	if len(bad) > 0 && r.opts.Warn != nil {
		r.opts.Warn(name, badBytesWarning(data, bad))
	}
}

// finish fills in what every article needs once its text is known: the
// normalized text, its hash, an ID, the language, the default date, and a
// title derived from the text, in square brackets, when the input gave none.
func (r *Reader) finish(a *sitrep.Article) error {
	a.Text = normalizeText(a.Text)
	if a.Text == "" {
		return errors.New("no article text found")
	}
	sum := sha256.Sum256([]byte(a.Text))
	a.SHA256 = hex.EncodeToString(sum[:])
	if a.ID == "" {
		if a.URL != "" {
			u := sha256.Sum256([]byte(a.URL))
			a.ID = hex.EncodeToString(u[:8])
		} else {
			a.ID = a.SHA256[:16]
		}
	}
	if a.Published == "" {
		a.Published = datelineDate(a.Text)
	}
	if a.Published == "" {
		a.Published = r.opts.Published
	}
	if a.Lang == "" {
		a.Lang = detectLang(a.Text)
	}
	a.Title = cleanLine(a.Title)
	if a.Title == "" {
		a.Title = derivedTitle(a.Text)
	}
	a.Source = cleanLine(a.Source)
	return nil
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// Bytes yields the articles of one source already in memory, read as a file
// of that name would be.
func (r *Reader) Bytes(ctx context.Context, name string, data []byte) iter.Seq2[sitrep.Article, error] {
	return func(yield func(sitrep.Article, error) bool) {
		if int64(len(data)) > r.opts.MaxBytes && !looksLikeJSONL(data) {
			fail(yield, name, fmt.Errorf("input is %s, over the %s limit for one article (--max-bytes)", humanBytes(int64(len(data))), humanBytes(r.opts.MaxBytes)))
			return
		}
		r.readBytes(ctx, name, "", data, yield)
	}
}

// extHint is the content type a file name suggests, used only where the
// bytes themselves do not say: an HTML fragment in "page.html".
func extHint(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".html", ".htm", ".xhtml":
		return "text/html"
	}
	return ""
}

// cleanLine makes a one-line field safe to print: control and invisible
// characters removed, white space collapsed.
func cleanLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || r == '\u200b' || r == '\ufeff' {
			if r == '\t' || r == '\n' || r == '\r' {
				return ' '
			}
			return -1
		}
		return r
	}, s)
	return collapseSpace(s)
}

// FetchDeadline is the time one fetch may take in all: each of its tries
// (a first and retries) up to timeout, and a wait of up to RetryWait
// before each retry. A single deadline of timeout would end the fetch when
// its first try times out, and a timeout would never be retried.
func FetchDeadline(timeout time.Duration, retries int) time.Duration {
	retries = max(retries, 0)
	return timeout*time.Duration(retries+1) + RetryWait*time.Duration(retries)
}
