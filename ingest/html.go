package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/text/unicode/norm"

	"sitrep"
)

// readHTML extracts the main text of a web page with go-trafilatura, which
// drops menus, comments, related-story boxes and other boilerplate, and
// reads the title, site name and publication date from the page's metadata
// (go-htmldate). pageURL may be a file path.
func (r *Reader) readHTML(pageURL string, data []byte, contentType string) (sitrep.Article, error) {
	text, _, bad := decodeText(data, firstNonEmpty(contentType, "text/html"))
	r.warnBadBytes(pageURL, data, bad)
	opts := trafilatura.Options{
		EnableFallback:  true,
		ExcludeComments: true,
		ExcludeTables:   false,
		Deduplicate:     true,
		HtmlDateMode:    trafilatura.Extensive,
		MaxTreeSize:     200000,
	}
	if isURL(pageURL) {
		if u, err := url.Parse(pageURL); err == nil {
			opts.OriginalURL = u
		}
	}
	res, err := extractSafely(text, opts)
	// On a page with no body text the extractor's last resort returns the
	// text of the whole document, which is just the <title>: that is no
	// article either.
	if err != nil || res == nil || strings.TrimSpace(res.ContentText) == "" ||
		collapseSpace(res.ContentText) == htmlTitle(text) {
		// Pages too short or too odd for the extractor: fall back to the
		// page's visible paragraphs.
		plain := htmlText(text)
		if strings.TrimSpace(plain) == "" {
			if err == nil {
				err = errors.New("no article text found in the page")
			}
			return sitrep.Article{}, fmt.Errorf("html: %w", err)
		}
		a := sitrep.Article{Origin: pageURL, Text: plain, Title: htmlTitle(text)}
		if isURL(pageURL) {
			a.URL = pageURL
		}
		return a, r.finish(&a)
	}
	a := sitrep.Article{
		Origin: pageURL,
		Title:  res.Metadata.Title,
		Source: res.Metadata.Sitename,
		Text:   paragraphs(res.ContentNode, res.ContentText),
	}
	if isURL(pageURL) {
		a.URL = pageURL
	} else if res.Metadata.URL != "" && isURL(res.Metadata.URL) {
		a.URL = res.Metadata.URL
	}
	if !res.Metadata.Date.IsZero() {
		a.Published = sitrep.DateOf(res.Metadata.Date)
	}
	if a.Source == "" {
		a.Source = res.Metadata.Hostname
	}
	return a, r.finish(&a)
}

// extractSafely runs the extractor, turning a panic on a hostile page into
// an error.
func extractSafely(text string, opts trafilatura.Options) (res *trafilatura.ExtractResult, err error) {
	defer func() {
		if p := recover(); p != nil {
			res, err = nil, fmt.Errorf("extractor failed: %v", p)
		}
	}()
	// text is UTF-8 already (decodeText). trafilatura.Extract would guess
	// the page's charset again from the bytes, and on a short page, or one
	// with a replaced stray byte, it guesses Latin-1 and turns every
	// non-ASCII character into mojibake; so the page is parsed here and
	// handed over as a tree, with what the extractor's own parser does
	// besides decoding: NFC, and soft hyphens dropped.
	text = norm.NFC.String(strings.ReplaceAll(text, "\u00ad", ""))
	doc, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return nil, err
	}
	return trafilatura.ExtractDocument(doc, opts)
}

// paragraphs renders extracted content with a blank line between blocks, so
// that paragraph breaks survive into the text layer.
func paragraphs(n *html.Node, fallback string) string {
	if n == nil {
		return fallback
	}
	var b strings.Builder
	writeBlocks(&b, n)
	if s := strings.TrimSpace(b.String()); s != "" {
		return s
	}
	return fallback
}

var blockTags = map[string]bool{
	"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true,
	"h5": true, "h6": true, "li": true, "blockquote": true, "pre": true,
	"section": true, "article": true, "header": true, "footer": true,
	"tr": true, "table": true, "ul": true, "ol": true, "dl": true, "dt": true,
	"dd": true, "figcaption": true, "head": true, "main": true, "aside": true,
	"nav": true, "form": true, "address": true, "hr": true, "br": true,
}

var skipTags = map[string]bool{
	"script": true, "style": true, "noscript": true, "template": true,
	"svg": true, "iframe": true, "object": true, "title": true, "button": true,
	"select": true, "option": true,
}

func writeBlocks(b *strings.Builder, n *html.Node) {
	switch n.Type {
	case html.TextNode:
		b.WriteString(collapseInline(n.Data))
		return
	case html.ElementNode:
		if skipTags[n.Data] {
			return
		}
		if n.Data == "li" {
			b.WriteString("\n\n- ")
		} else if blockTags[n.Data] {
			b.WriteString("\n\n")
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		writeBlocks(b, c)
	}
	if n.Type == html.ElementNode && blockTags[n.Data] {
		b.WriteString("\n\n")
	}
}

// collapseInline turns runs of white space inside a text node into single
// spaces, keeping a space at either end when there was one.
func collapseInline(s string) string {
	if s == "" {
		return s
	}
	f := strings.Fields(s)
	out := strings.Join(f, " ")
	if len(f) == 0 {
		return " "
	}
	if isSpaceByte(s[0]) {
		out = " " + out
	}
	if isSpaceByte(s[len(s)-1]) {
		out += " "
	}
	return out
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// htmlText renders the visible text of an HTML fragment or page, one block a
// paragraph. Feed items' HTML content goes through it.
func htmlText(s string) string {
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return ""
	}
	var body *html.Node
	var find func(*html.Node)
	find = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "body" {
			body = n
			return
		}
		for c := n.FirstChild; c != nil && body == nil; c = c.NextSibling {
			find(c)
		}
	}
	find(doc)
	if body == nil {
		body = doc
	}
	var b strings.Builder
	writeBlocks(&b, body)
	return normalizeText(b.String())
}

// htmlTitle returns the text of the page's <title>.
func htmlTitle(s string) string {
	z := html.NewTokenizer(bytes.NewReader([]byte(s)))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken:
			name, _ := z.TagName()
			if string(name) == "title" && z.Next() == html.TextToken {
				return collapseSpace(string(z.Text()))
			}
		}
	}
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
