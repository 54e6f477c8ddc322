package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
)

type format int

const (
	formatText format = iota
	formatHTML
	formatFeed
	formatJSONL
)

// sniff tells a source's format from its first bytes, with the HTTP
// Content-Type as a hint.
func sniff(data []byte, contentType string) format {
	head := data
	if len(head) > 4096 {
		head = head[:4096]
	}
	head = bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	lower := bytes.ToLower(head)
	if bytes.HasPrefix(lower, []byte("<?xml")) || bytes.HasPrefix(lower, []byte("<rss")) ||
		bytes.HasPrefix(lower, []byte("<feed")) || bytes.HasPrefix(lower, []byte("<rdf:rdf")) {
		if bytes.Contains(lower, []byte("<rss")) || bytes.Contains(lower, []byte("<feed")) ||
			bytes.Contains(lower, []byte("<rdf:rdf")) || bytes.Contains(lower, []byte("<channel")) {
			return formatFeed
		}
		if bytes.Contains(lower, []byte("<html")) {
			return formatHTML
		}
	}
	ct := strings.ToLower(contentType)
	if strings.Contains(ct, "rss") || strings.Contains(ct, "atom") {
		return formatFeed
	}
	if strings.Contains(ct, "html") || bytes.HasPrefix(lower, []byte("<!doctype html")) ||
		bytes.HasPrefix(lower, []byte("<html")) || bytes.HasPrefix(lower, []byte("<head")) ||
		bytes.HasPrefix(lower, []byte("<body")) || bytes.HasPrefix(lower, []byte("<!--")) && bytes.Contains(lower, []byte("<html")) {
		return formatHTML
	}
	if looksLikeJSONL(head) {
		return formatJSONL
	}
	if len(head) > 1 && head[0] == '[' && bytes.HasPrefix(bytes.TrimLeft(head[1:], " \t\r\n"), []byte("{")) {
		return formatJSONL // a JSON array of article objects
	}
	return formatText
}

// looksLikeJSONL reports whether data starts with a JSON object.
func looksLikeJSONL(data []byte) bool {
	d := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
	return len(d) > 1 && d[0] == '{' && (d[1] == '"' || d[1] == ' ' || d[1] == '\n' || d[1] == '\t' || d[1] == '\r' || d[1] == '}')
}

// streamableJSONL reports whether a source whose first bytes are head can
// be read line by line as JSON Lines: it starts with an object and its first
// line, if head holds all of it, is a whole JSON value (a pretty-printed
// document is not).
func streamableJSONL(head []byte) bool {
	if !looksLikeJSONL(head) {
		return false
	}
	d := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	nl := bytes.IndexByte(d, '\n')
	if nl < 0 {
		return true
	}
	return json.Valid(d[:nl])
}

// binaryKind names what binary data looks like, or returns "" for text.
func binaryKind(data []byte) string {
	magic := []struct{ prefix, name string }{
		{"%PDF", "PDF"}, {"\x89PNG", "PNG image"}, {"\xff\xd8\xff", "JPEG image"},
		{"GIF8", "GIF image"}, {"PK\x03\x04", "ZIP archive"}, {"\x1f\x8b", "gzip archive"},
		{"\x7fELF", "executable"}, {"BZh", "bzip2 archive"}, {"\xfd7zXZ", "xz archive"},
		{"7z\xbc\xaf", "7z archive"}, {"SQLite format 3\x00", "SQLite database"},
		{"RIFF", "RIFF media"}, {"\x00\x00\x01\x00", "icon"}, {"OggS", "Ogg media"},
		{"ID3", "MP3 audio"}, {"\xd0\xcf\x11\xe0", "MS Office document"},
	}
	for _, m := range magic {
		if bytes.HasPrefix(data, []byte(m.prefix)) {
			return m.name
		}
	}
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		return "" // UTF-16 with a byte-order mark
	}
	head := data
	if len(head) > 8192 {
		head = head[:8192]
	}
	ctl := 0
	for _, c := range head {
		switch {
		case c == 0:
			return "contains NUL bytes"
		case c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v' && c != 0x1b:
			ctl++
		}
	}
	if ctl*20 > len(head) {
		return "mostly control characters"
	}
	return ""
}

// decodeText converts data to UTF-8 and names the encoding it found:
// UTF-8 (with or without BOM), UTF-16 with a BOM, the charset an HTML page
// or Content-Type declares, UTF-8 with a few stray bytes (see below), else
// Windows-1252 when bytes 0x80-0x9F hold its printable characters, else
// Latin-1.
//
// Text that is almost valid UTF-8 is UTF-8 with damage, not a single-byte
// charset: when the invalid bytes are no more than the well-formed multibyte
// sequences around them (a truncated copy, one byte of a curly quote lost,
// a Latin-1 name pasted into UTF-8), or when the input declares UTF-8, each
// invalid byte becomes U+FFFD and bad holds its offset in data. Reading such
// a file whole as Windows-1252 would turn every one of its curly quotes and
// dashes into mojibake ("â€œ") and lose them for the quote finder. A real
// Windows-1252 or Latin-1 text almost never holds a well-formed UTF-8
// sequence: its accented letters (0xC0-0xFF) are followed by ASCII letters,
// not by continuation bytes (0x80-0xBF).
func decodeText(data []byte, contentType string) (text, enc string, bad []int) {
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		dec := xunicode.UTF16(xunicode.BigEndian, xunicode.UseBOM).NewDecoder()
		if out, err := dec.Bytes(data); err == nil {
			return string(out), "utf-16", nil
		}
	}
	bom := 0
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		data, bom = data[3:], 3
	}
	if utf8.Valid(data) {
		return string(data), "utf-8", nil
	}
	declared := ""
	if contentType != "" {
		e, name, certain := charset.DetermineEncoding(data, contentType)
		if certain && name != "utf-8" {
			if out, err := e.NewDecoder().Bytes(data); err == nil {
				return string(out), name, nil
			}
		}
		if certain {
			declared = name
		}
		if strings.Contains(strings.ToLower(contentType), "html") && metaUTF8.Match(data[:min(len(data), 1024)]) {
			declared = "utf-8"
		}
	}
	if multi, invalid := utf8Evidence(data); bom > 0 || declared == "utf-8" || multi > 0 && invalid <= multi {
		s, offs := repairUTF8(data)
		for i := range offs {
			offs[i] += bom
		}
		return s, "utf-8", offs
	}
	cp1252 := false
	for _, c := range data {
		if c >= 0x80 && c <= 0x9f && c != 0x81 && c != 0x8d && c != 0x8f && c != 0x90 && c != 0x9d {
			cp1252 = true
			break
		}
	}
	if cp1252 {
		out, _ := charmap.Windows1252.NewDecoder().Bytes(data)
		return string(out), "windows-1252", nil
	}
	out, _ := charmap.ISO8859_1.NewDecoder().Bytes(data)
	return string(out), "iso-8859-1", nil
}

// metaUTF8 matches an HTML page's declaration that it is UTF-8, in either
// of the forms <meta charset="utf-8"> and <meta http-equiv="Content-Type"
// content="text/html; charset=utf-8">.
var metaUTF8 = regexp.MustCompile(`(?i)<meta\s[^>]*charset\s*=\s*["']?\s*utf-?8\b`)

// utf8Evidence counts the well-formed multibyte UTF-8 sequences in data and
// the bytes that are not part of any well-formed sequence.
func utf8Evidence(data []byte) (multi, invalid int) {
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			invalid++
		} else {
			multi++
		}
		i += n
	}
	return multi, invalid
}

// repairUTF8 returns data as a string with each byte that is not part of a
// well-formed UTF-8 sequence replaced by U+FFFD, and the offsets of those
// bytes.
func repairUTF8(data []byte) (string, []int) {
	var b strings.Builder
	b.Grow(len(data) + 16)
	var offs []int
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			offs = append(offs, i)
			b.WriteRune(utf8.RuneError)
		} else {
			b.Write(data[i : i+n])
		}
		i += n
	}
	return b.String(), offs
}

// badBytesWarning says which bytes of data decodeText replaced: the first
// few by value and offset, and how many there were.
func badBytesWarning(data []byte, offs []int) string {
	if len(offs) == 1 {
		return fmt.Sprintf("invalid UTF-8 byte 0x%02X at byte offset %d replaced with U+FFFD; the rest of the input is read as UTF-8", data[offs[0]], offs[0])
	}
	var parts []string
	for i, o := range offs {
		if i == 5 {
			parts = append(parts, fmt.Sprintf("and %d more", len(offs)-5))
			break
		}
		parts = append(parts, fmt.Sprintf("0x%02X at %d", data[o], o))
	}
	return fmt.Sprintf("%d invalid UTF-8 bytes replaced with U+FFFD (byte offsets: %s); the rest of the input is read as UTF-8", len(offs), strings.Join(parts, ", "))
}

// normalizeText makes text the form offsets are counted in: LF line ends,
// no control characters, no trailing spaces, at most one blank line between
// paragraphs, no surrounding blank space.
func normalizeText(s string) string {
	if !strings.ContainsAny(s, "\r\t\v\f\u00a0\u200b\ufeff\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\x7f") &&
		!strings.Contains(s, " \n") && !strings.Contains(s, "\n\n\n") && strings.TrimSpace(s) == s &&
		!strings.ContainsFunc(s, func(r rune) bool { return r >= 0x80 && (r <= 0x9f || unicode.IsSpace(r)) }) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	blank := 0
	// Vertical tabs and form feeds break lines too (one break with a line
	// end after them); they are made line ends before splitting, so that
	// each line is trimmed and blank lines are counted.
	s = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\f\n", "\n", "\v\n", "\n", "\f", "\n", "\v", "\n").Replace(s)
	for _, line := range strings.Split(s, "\n") {
		line = strings.Map(func(r rune) rune {
			switch {
			case r == '\t' || r == '\u00a0':
				return ' '
			case r == '\u200b' || r == '\ufeff' || r == 0x7f:
				return -1
			case r < 0x20:
				return -1
			case unicode.Is(unicode.Cc, r):
				return -1
			}
			return r
		}, line)
		line = strings.TrimRightFunc(line, unicode.IsSpace)
		if strings.TrimSpace(line) == "" {
			blank++
			continue
		}
		if b.Len() > 0 {
			if blank > 0 {
				b.WriteString("\n\n")
			} else {
				b.WriteByte('\n')
			}
		}
		blank = 0
		b.WriteString(line)
	}
	// The first line may have kept leading space (after a dropped control
	// character): the text has no surrounding blank space.
	return strings.TrimLeftFunc(b.String(), unicode.IsSpace)
}

func collapseSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// detectLang returns "en" when the text reads as English, else "und".
// Every later stage is written for English, so this is the question that
// matters; the test is the share of very common English function words.
func detectLang(text string) string {
	if len(text) > 20000 {
		text = text[:20000]
	}
	words, hits := 0, 0
	f := func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }
	for _, w := range strings.FieldsFunc(text, f) {
		words++
		if englishFunctionWords[strings.ToLower(w)] {
			hits++
		}
	}
	if words == 0 {
		return "und"
	}
	if words < 8 && hits > 0 || hits*100 >= words*12 {
		return "en"
	}
	return "und"
}

var englishFunctionWords = map[string]bool{
	"the": true, "of": true, "and": true, "to": true, "in": true, "a": true,
	"is": true, "that": true, "for": true, "on": true, "was": true, "with": true,
	"he": true, "it": true, "as": true, "at": true, "by": true, "said": true,
	"from": true, "his": true, "an": true, "were": true, "are": true, "which": true,
	"this": true, "be": true, "has": true, "have": true, "had": true, "they": true,
	"not": true, "but": true, "their": true, "its": true, "who": true, "after": true,
	"been": true, "will": true, "would": true, "she": true, "her": true, "we": true,
}

// peekReader lets a stream be sniffed before it is read.
type peekReader struct{ *bufio.Reader }

func newPeekReader(r io.Reader) peekReader { return peekReader{bufio.NewReaderSize(r, 64<<10)} }

func (p peekReader) peek(n int) []byte {
	b, _ := p.Peek(n)
	return b
}
