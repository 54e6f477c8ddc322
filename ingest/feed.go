package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"sitrep"
)

// readFeed reads an RSS, Atom or RDF feed with gofeed; each item is an
// article. An item holding only a summary has its linked page fetched and
// extracted, unless Options.NoFetch is set.
func (r *Reader) readFeed(ctx context.Context, name string, data []byte, yield yieldFunc) bool {
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		return fail(yield, name, fmt.Errorf("feed: %v", err))
	}
	if len(feed.Items) == 0 {
		return fail(yield, name, errors.New("feed has no items"))
	}
	for i, it := range feed.Items {
		if ctx.Err() != nil {
			return false
		}
		where := fmt.Sprintf("%s item %d", name, i+1)
		if r.opts.Skip != nil && r.opts.Skip(strings.TrimSpace(it.Link)) {
			continue
		}
		a, err := r.feedItem(ctx, feed, it, where)
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

func (r *Reader) feedItem(ctx context.Context, feed *gofeed.Feed, it *gofeed.Item, where string) (sitrep.Article, error) {
	a := sitrep.Article{
		ID: it.GUID, URL: strings.TrimSpace(it.Link), Title: it.Title,
		Source: feed.Title, Origin: where,
	}
	if len(a.ID) > 200 || a.ID == a.URL {
		a.ID = ""
	}
	a.Published = feedDate(it.PublishedParsed)
	if a.Published == "" {
		a.Published = feedDate(it.UpdatedParsed)
	}
	body := it.Content
	if strings.TrimSpace(body) == "" {
		body = it.Description
	}
	text := htmlText(body)
	if len(text) < summaryLen && isURL(a.URL) && !r.opts.NoFetch {
		page, err := r.fetchPage(ctx, a.URL)
		if err != nil {
			return a, fmt.Errorf("item holds only a summary and its page could not be read: %w", err)
		}
		a.Text = page.Text
		if a.Published == "" {
			a.Published = page.Published
		}
		if a.Title == "" {
			a.Title = page.Title
		}
	} else {
		a.Text = text
	}
	if strings.TrimSpace(a.Text) == "" {
		return a, errors.New("item has no text and no link")
	}
	return a, r.finish(&a)
}

// feedDate is the day of a date gofeed parsed, or "" when there is none or
// it falls outside the years a Date can write (gofeed moves dates to UTC:
// "9999-12-31T23:00:00-05:00" is in year 10000).
func feedDate(t *time.Time) sitrep.Date {
	if t == nil || t.Year() < 0 || t.Year() > 9999 {
		return ""
	}
	return sitrep.DateOf(*t)
}

// fetchPage fetches and extracts one linked page.
func (r *Reader) fetchPage(ctx context.Context, u string) (sitrep.Article, error) {
	data, ct, err := r.get(ctx, u)
	if err != nil {
		return sitrep.Article{}, err
	}
	if what := binaryKind(data); what != "" {
		return sitrep.Article{}, fmt.Errorf("binary data (%s), not a page", what)
	}
	return r.readHTML(u, data, ct)
}

// readURL fetches a source over HTTP and reads it as its content says.
func (r *Reader) readURL(ctx context.Context, u string, yield yieldFunc) bool {
	data, ct, err := r.get(ctx, u)
	if err != nil {
		return fail(yield, u, err)
	}
	return r.readBytes(ctx, u, ct, data, yield)
}

// get fetches u within the size limit and timeout.
func (r *Reader) get(ctx context.Context, u string) ([]byte, string, error) {
	ctx, cancel := context.WithTimeout(ctx, FetchDeadline(r.opts.Timeout, r.opts.Retries))
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, "", fmt.Errorf("bad URL: %v", err)
	}
	req.Header.Set("User-Agent", r.opts.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5")
	resp, err := r.client.Do(req)
	if err != nil {
		if ctx.Err() == context.DeadlineExceeded || isTimeout(err) {
			return nil, "", fmt.Errorf("timed out after %s", r.opts.Timeout)
		}
		return nil, "", fmt.Errorf("fetch: %v", unwrapURLErr(err))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return nil, "", fmt.Errorf("HTTP %s", resp.Status)
	}
	if resp.ContentLength > r.opts.MaxBytes {
		return nil, "", fmt.Errorf("response is %s, over the %s limit (--max-bytes)", humanBytes(resp.ContentLength), humanBytes(r.opts.MaxBytes))
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, r.opts.MaxBytes+1))
	if err != nil {
		if ctx.Err() == context.DeadlineExceeded || isTimeout(err) {
			return nil, "", fmt.Errorf("timed out after %s while reading the response", r.opts.Timeout)
		}
		return nil, "", fmt.Errorf("reading response: %v", err)
	}
	if int64(len(data)) > r.opts.MaxBytes {
		return nil, "", fmt.Errorf("response is over the %s limit (--max-bytes)", humanBytes(r.opts.MaxBytes))
	}
	ct := resp.Header.Get("Content-Type")
	if mt, _, err := mime.ParseMediaType(ct); err == nil {
		switch {
		case strings.HasPrefix(mt, "image/"), strings.HasPrefix(mt, "audio/"), strings.HasPrefix(mt, "video/"),
			mt == "application/pdf", mt == "application/zip", mt == "application/octet-stream" && binaryKind(data) != "":
			return nil, "", fmt.Errorf("content type %s is not text", mt)
		}
	}
	return data, ct, nil
}

func isTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout()
}

func unwrapURLErr(err error) error {
	for {
		u := errors.Unwrap(err)
		if u == nil {
			return err
		}
		if _, ok := err.(interface{ Timeout() bool }); !ok {
			return err
		}
		err = u
	}
}
