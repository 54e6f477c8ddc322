package sqlstore

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
)

// Keyset paging. A list sorted by key columns that end in the row's own
// identity (article rowid, event index) can be continued after any row by
// asking for the rows that sort after that row's key, which an index on the
// key columns finds directly, however deep in the list: OFFSET instead
// reads and drops every row before the page.
//
// A cursor is the key of the last row of a page and the sort it was made
// in, as base64url of a small JSON object. It is opaque to clients; the
// store checks it when it comes back.

// eventCursor is the key of an event in an event list.
type eventCursor struct {
	Sort      string  `json:"s"`
	Day       *string `json:"d"` // nil for an event without a day
	Goldstein float64 `json:"g"`
	Article   int64   `json:"a"`
	Idx       int64   `json:"i"`
}

func (c eventCursor) encode() string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodeEventCursor reads a cursor an event list gave, made for sort.
func decodeEventCursor(s, sort string) (eventCursor, error) {
	var c eventCursor
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil {
		err = json.Unmarshal(b, &c)
	}
	if err != nil || c.Sort == "" || c.Article < 1 || c.Idx < 0 || math.IsNaN(c.Goldstein) || math.IsInf(c.Goldstein, 0) {
		return c, badQuery("after %q: not a cursor an event list gave (use the \"next\" of the page before)", short(s))
	}
	if c.Sort != sort {
		return c, badQuery("after: the cursor continues a list sorted by %q, not %q; keep the sort when paging", c.Sort, sort)
	}
	return c, nil
}

func short(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

// keysetPart is one part of a continued list: rows matching cond (with
// args), in the list's order. A list whose first sort key may be NULL is in
// two parts, the rows without a value and the rows with one, so that each
// part's condition is a plain range an index serves (a condition "after
// this day, or no day" is not).
type keysetPart struct {
	cond string
	args []any
}

// eventKeyset returns the parts of an event list in sort order that come
// after the event with cursor c; every part's rows follow the previous
// part's.
func eventKeyset(c eventCursor) ([]keysetPart, error) {
	p := func(cond string, args ...any) keysetPart { return keysetPart{cond, args} }
	switch c.Sort {
	case "stored":
		return []keysetPart{p("(e.article, e.idx) > (?, ?)", c.Article, c.Idx)}, nil
	case "day":
		// Events without a day first, then by day.
		if c.Day == nil {
			return []keysetPart{
				p("e.day IS NULL AND (e.article, e.idx) > (?, ?)", c.Article, c.Idx),
				p("e.day IS NOT NULL"),
			}, nil
		}
		return []keysetPart{p("(e.day, e.article, e.idx) > (?, ?, ?)", *c.Day, c.Article, c.Idx)}, nil
	case "-day":
		// Latest day first, events without a day last.
		if c.Day == nil {
			return []keysetPart{p("e.day IS NULL AND (e.article, e.idx) < (?, ?)", c.Article, c.Idx)}, nil
		}
		return []keysetPart{
			p("(e.day, e.article, e.idx) < (?, ?, ?)", *c.Day, c.Article, c.Idx),
			p("e.day IS NULL"),
		}, nil
	case "goldstein":
		return []keysetPart{p("(e.goldstein, e.article, e.idx) > (?, ?, ?)", c.Goldstein, c.Article, c.Idx)}, nil
	case "-goldstein":
		// Goldstein descending, then the event's identity ascending.
		return []keysetPart{p("e.goldstein <= ? AND (e.goldstein < ? OR (e.article, e.idx) > (?, ?))",
			c.Goldstein, c.Goldstein, c.Article, c.Idx)}, nil
	}
	return nil, fmt.Errorf("%w: no keyset for sort %q", errInternal, c.Sort)
}

var errInternal = fmt.Errorf("sqlstore: internal error")
