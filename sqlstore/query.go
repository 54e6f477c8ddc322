package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"sitrep"
)

func badQuery(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{sitrep.ErrBadQuery}, args...)...)
}

// clause gathers the conditions of a WHERE with their arguments.
type clause struct {
	conds []string
	args  []any
}

func (c *clause) add(cond string, args ...any) {
	c.conds = append(c.conds, cond)
	c.args = append(c.args, args...)
}

func (c *clause) sql() string {
	if len(c.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(c.conds, " AND ")
}

// dayRange adds the Filter's day range on column col.
func dayRange(c *clause, f sitrep.Filter, col string) {
	if f.From != "" {
		c.add(col+" >= ?", string(f.From))
	}
	if f.To != "" {
		c.add(col+" <= ?", string(f.To))
	}
}

// eventConds are the Filter's conditions on events (alias e) other than
// the day range and text.
func eventConds(c *clause, f sitrep.Filter) {
	if f.Actor != "" {
		p := likePrefix(strings.ToUpper(f.Actor))
		c.add(`(e.source_code LIKE ? ESCAPE '\' OR e.target_code LIKE ? ESCAPE '\')`, p, p)
	}
	if f.Country != "" {
		cc := strings.ToUpper(f.Country)
		c.add("(e.source_country = ? OR e.target_country = ? OR e.place_country = ?)", cc, cc, cc)
	}
	if f.Cameo != "" {
		if len(f.Cameo) <= 2 {
			c.add("e.root = ?", fmt.Sprintf("%02s", f.Cameo))
		} else {
			c.add(`e.cameo LIKE ? ESCAPE '\'`, likePrefix(f.Cameo))
		}
	}
	if f.Quad != 0 {
		c.add("e.quad = ?", f.Quad)
	}
	if f.Modality != "" {
		c.add("e.modality = ?", f.Modality)
	}
	if f.Outlet != "" {
		c.add("e.outlet = ?", f.Outlet)
	}
	if f.Place != "" {
		c.add("e.place_name = ?", f.Place)
	}
}

// likePrefix is a LIKE pattern matching values that start with p, with
// LIKE's own wildcards in p taken literally.
func likePrefix(p string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(p) + "%"
}

// textCond adds the Filter's full-text search on the article row id column.
func (s *Store) textCond(c *clause, f sitrep.Filter, rowid string) error {
	if f.Query == "" {
		return nil
	}
	arg, err := s.d.TextArg(f.Query)
	if err != nil {
		return badQuery("%v", err)
	}
	c.add(fmt.Sprintf(s.d.TextMatch, rowid), arg)
	return nil
}

// eventClause selects events (alias e) by every condition of f.
func (s *Store) eventClause(f sitrep.Filter) (*clause, error) {
	c := &clause{}
	dayRange(c, f, "e.day")
	eventConds(c, f)
	if err := s.textCond(c, f, "e.article"); err != nil {
		return nil, err
	}
	return c, nil
}

func (s *Store) limitSQL(f sitrep.Filter) string {
	switch {
	case f.Limit > 0:
		return fmt.Sprintf(" LIMIT %d OFFSET %d", f.Limit, max(f.Offset, 0))
	case f.Offset > 0:
		return fmt.Sprintf(" %s OFFSET %d", s.d.NoLimit, f.Offset)
	}
	return ""
}

// orderBy returns the ORDER BY for sort among the allowed orders, or the
// default for an empty sort. Days sort with missing ones first going up and
// last going down, as SQLite does; {NF} and {NL} mark where other dialects
// must say so.
func (s *Store) orderBy(sortKey, def string, allowed map[string]string) (string, error) {
	if sortKey == "" {
		sortKey = def
	}
	o, ok := allowed[sortKey]
	if !ok {
		keys := make([]string, 0, len(allowed))
		for k := range allowed {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		return "", badQuery("sort %q: want one of %s", sortKey, strings.Join(keys, ", "))
	}
	nf, nl := "", ""
	if s.d.NullsLast {
		nf, nl = " NULLS FIRST", " NULLS LAST"
	}
	return " ORDER BY " + strings.NewReplacer("{NF}", nf, "{NL}", nl).Replace(o), nil
}

// articleClause selects articles by f: publication range, outlet, text,
// and the event conditions through EXISTS.
func (s *Store) articleClause(f sitrep.Filter) (*clause, error) {
	c := &clause{}
	dayRange(c, f, "a.published")
	if err := s.textCond(c, f, "a.rowid"); err != nil {
		return nil, err
	}
	if f.Outlet != "" {
		c.add("a.source = ?", f.Outlet)
	}
	ef := f
	ef.Outlet = ""
	ec := &clause{}
	eventConds(ec, ef)
	if len(ec.conds) > 0 {
		c.add("EXISTS (SELECT 1 FROM events e WHERE e.article = a.rowid AND "+strings.Join(ec.conds, " AND ")+")", ec.args...)
	}
	return c, nil
}

var articleOrders = map[string]string{
	"ingested":   "a.rowid",
	"-ingested":  "a.rowid DESC",
	"published":  "a.published{NF}, a.rowid",
	"-published": "a.published DESC{NL}, a.rowid DESC",
}

// Articles lists the selected articles, oldest stored first unless sorted.
func (s *Store) Articles(ctx context.Context, f sitrep.Filter) ([]sitrep.StoredArticle, error) {
	c, err := s.articleClause(f)
	if err != nil {
		return nil, err
	}
	order, err := s.orderBy(f.Sort, "ingested", articleOrders)
	if err != nil {
		return nil, err
	}
	rows, err := s.h().query(ctx, `SELECT a.id, coalesce(a.url, ''), a.sha256, a.title, a.source,
		coalesce(a.published, ''), a.lang, a.origin, a.ingested, a.n_events, a.n_casualties, a.n_quotes
		FROM articles a`+c.sql()+order+s.limitSQL(f), c.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []sitrep.StoredArticle
	for rows.Next() {
		var a sitrep.StoredArticle
		var pub, ing string
		if err := rows.Scan(&a.ID, &a.URL, &a.SHA256, &a.Title, &a.Source, &pub, &a.Lang, &a.Origin,
			&ing, &a.Events, &a.Casualties, &a.Quotes); err != nil {
			return nil, err
		}
		a.Published = sitrep.Date(pub)
		a.Ingested, _ = time.Parse(time.RFC3339, ing)
		out = append(out, a)
	}
	return out, rows.Err()
}

var eventOrders = map[string]string{
	"stored":     "e.article, e.idx",
	"day":        "e.day{NF}, e.article, e.idx",
	"-day":       "e.day DESC{NL}, e.article DESC, e.idx DESC",
	"goldstein":  "e.goldstein, e.article, e.idx",
	"-goldstein": "e.goldstein DESC, e.article, e.idx",
}

// eventColumns are what an event list reads, from events e joined with
// articles a and event_docs d (see eventJoin).
const eventColumns = `d.json, a.id, coalesce(a.url, ''), coalesce(a.published, ''), a.title, a.source, coalesce(e.cluster, 0)`

const eventJoin = ` JOIN articles a ON a.rowid = e.article JOIN event_docs d ON d.article = e.article AND d.idx = e.idx`

// scanEvent reads a row of eventColumns, and into extra the columns a
// query selects after them.
func scanEvent(rows *sql.Rows, extra ...any) (sitrep.StoredEvent, error) {
	var ej []byte
	var e sitrep.StoredEvent
	var pub string
	if err := rows.Scan(append([]any{&ej, &e.ArticleID, &e.URL, &pub, &e.Title, &e.Outlet, &e.Cluster}, extra...)...); err != nil {
		return e, err
	}
	if err := json.Unmarshal(ej, &e.Event); err != nil {
		return e, fmt.Errorf("event of %s: %w", e.ArticleID, err)
	}
	e.Published = sitrep.Date(pub)
	return e, nil
}

// Events lists the selected events, in the order they were stored unless
// sorted; with f.After, those after the event of that cursor. Every event
// carries its own cursor.
func (s *Store) Events(ctx context.Context, f sitrep.Filter) ([]sitrep.StoredEvent, error) {
	c, err := s.eventClause(f)
	if err != nil {
		return nil, err
	}
	sortKey := f.Sort
	if sortKey == "" {
		sortKey = "stored"
	}
	order, err := s.orderBy(sortKey, "stored", eventOrders)
	if err != nil {
		return nil, err
	}
	parts := []keysetPart{{}}
	if f.After != "" {
		if f.Offset > 0 {
			return nil, badQuery("give after or offset, not both")
		}
		cur, err := decodeEventCursor(f.After, sortKey)
		if err != nil {
			return nil, err
		}
		if parts, err = eventKeyset(cur); err != nil {
			return nil, err
		}
	}
	var out []sitrep.StoredEvent
	for _, p := range parts {
		pc := &clause{conds: append([]string(nil), c.conds...), args: append([]any(nil), c.args...)}
		if p.cond != "" {
			pc.add(p.cond, p.args...)
		}
		pf := f
		if f.Limit > 0 {
			if len(out) == f.Limit {
				break
			}
			pf.Limit = f.Limit - len(out)
		}
		rows, err := s.h().query(ctx, `SELECT `+eventColumns+`, e.day, e.goldstein, e.article, e.idx
		FROM events e`+eventJoin+pc.sql()+order+s.limitSQL(pf), pc.args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var day sql.NullString
			cur := eventCursor{Sort: sortKey}
			e, err := scanEvent(rows, &day, &cur.Goldstein, &cur.Article, &cur.Idx)
			if err != nil {
				rows.Close()
				return nil, err
			}
			if day.Valid {
				cur.Day = &day.String
			}
			e.Cursor = cur.encode()
			out = append(out, e)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Count says how many articles, events or clusters f selects.
func (s *Store) Count(ctx context.Context, what string, f sitrep.Filter) (int, error) {
	return s.CountAtMost(ctx, what, f, 0)
}

// CountAtMost counts like Count but stops at most (when above 0).
func (s *Store) CountAtMost(ctx context.Context, what string, f sitrep.Filter, most int) (int, error) {
	var c *clause
	var from string
	var err error
	switch what {
	case "articles":
		c, err = s.articleClause(f)
		from = "articles a"
	case "events":
		c, err = s.eventClause(f)
		from = "events e"
	case "clusters":
		c, err = clusterClause(f)
		from = "clusters k"
	default:
		return 0, badQuery("count %q: want articles, events or clusters", what)
	}
	if err != nil {
		return 0, err
	}
	q := `SELECT count(*) FROM ` + from + c.sql()
	if most > 0 {
		q = fmt.Sprintf(`SELECT count(*) FROM (SELECT 1 FROM %s%s LIMIT %d) t`, from, c.sql(), most)
	}
	var n int
	err = s.h().row(ctx, q, c.args...).Scan(&n)
	return n, err
}

// Records calls each with the full record of every selected article.
func (s *Store) Records(ctx context.Context, f sitrep.Filter, each func(*sitrep.Record) error) error {
	c, err := s.articleClause(f)
	if err != nil {
		return err
	}
	order, err := s.orderBy(f.Sort, "ingested", articleOrders)
	if err != nil {
		return err
	}
	rows, err := s.h().query(ctx, `SELECT a.record, a.text FROM articles a`+c.sql()+order+s.limitSQL(f), c.args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var blob []byte
		var text string
		if err := rows.Scan(&blob, &text); err != nil {
			return err
		}
		r, err := decodeRecord(blob, text)
		if err != nil {
			return err
		}
		if err := each(r); err != nil {
			return err
		}
	}
	return rows.Err()
}

func decodeRecord(blob []byte, text string) (*sitrep.Record, error) {
	var r sitrep.Record
	if err := json.Unmarshal(blob, &r); err != nil {
		return nil, fmt.Errorf("stored record: %w", err)
	}
	r.Article.Text = text
	return &r, nil
}

// Record returns the full record of the article with the id.
func (s *Store) Record(ctx context.Context, id string) (*sitrep.Record, error) {
	var blob []byte
	var text string
	err := s.x().row(ctx, `SELECT record, text FROM articles WHERE id = ?`, id).Scan(&blob, &text)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("article %q: %w", id, sitrep.ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	return decodeRecord(blob, text)
}

// facetExprs are the event columns a Facet can count.
var facetExprs = map[string]string{
	"country":  "coalesce(e.place_country, e.source_country, '')",
	"root":     "e.root",
	"quad":     "CAST(e.quad AS TEXT)",
	"modality": "e.modality",
	"outlet":   "e.outlet",
}

// rollFacets are the rollup columns of the facets they count.
var rollFacets = map[string]string{"actor": "code", "country": "country", "root": "root", "quad": "quad", "modality": "modality"}

// Facet counts the selected events per value of field, most first. An
// actor counts once for each event it is the source or target of.
func (s *Store) Facet(ctx context.Context, field string, f sitrep.Filter) ([]sitrep.Facet, error) {
	c, err := s.eventClause(f)
	if err != nil {
		return nil, err
	}
	var q string
	var d *rollDef
	var rc *clause
	if col, ok := rollFacets[field]; ok {
		d, rc = s.rollFor(f, []string{col}, false, "")
	}
	if d != nil {
		c = rc
		col := "r." + rollFacets[field]
		if field == "quad" {
			col = "CAST(r.quad AS TEXT)"
		}
		q = `SELECT ` + col + `, CAST(sum(r.n) AS BIGINT) FROM ` + d.name + ` r` + c.sql() + ` GROUP BY 1 ORDER BY 2 DESC, 1`
	} else if field == "actor" {
		// Counted per code on each side first (along the code indexes),
		// then added up.
		q = `SELECT v, CAST(sum(n) AS BIGINT) FROM (
			SELECT e.source_code AS v, count(*) AS n FROM events e` + c.sql() + ` GROUP BY e.source_code
			UNION ALL SELECT e.target_code AS v, count(*) AS n FROM events e` + c.sql() + ` GROUP BY e.target_code) u
			WHERE v IS NOT NULL GROUP BY v ORDER BY 2 DESC, 1`
		c.args = append(c.args, c.args...)
	} else {
		expr, ok := facetExprs[field]
		if !ok {
			return nil, badQuery("facet %q: want actor, country, root, quad, modality or outlet", field)
		}
		q = `SELECT ` + expr + `, count(*) FROM events e` + c.sql() + ` GROUP BY 1 ORDER BY 2 DESC, 1`
	}
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	rows, err := s.pool(d).query(ctx, q, c.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []sitrep.Facet
	for rows.Next() {
		var v sitrep.Facet
		if err := rows.Scan(&v.Value, &v.Count); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// Places aggregates the selected events by place (name and country), most
// events first, with the people reported killed there (see
// fatalitySeries: reports of one place and day count once).
func (s *Store) Places(ctx context.Context, f sitrep.Filter) ([]sitrep.PlaceCount, error) {
	c, err := s.eventClause(f)
	if err != nil {
		return nil, err
	}
	c.add("e.lat IS NOT NULL")
	q := `SELECT e.place_name, coalesce(e.place_country, ''), avg(e.lat), avg(e.lon),
		max(coalesce(e.precision, '')), count(*)
		FROM events e` + c.sql() + ` GROUP BY e.place_name, e.place_country`
	d, rc := s.rollFor(f, []string{"place_name", "place_country"}, true, "")
	if d != nil {
		c = rc
		q = `SELECT r.place_name, r.place_country, sum(r.lat_sum) / sum(r.n), sum(r.lon_sum) / sum(r.n),
			max(r.precision), CAST(sum(r.n) AS BIGINT)
			FROM ` + d.name + ` r` + c.sql() + ` GROUP BY r.place_name, r.place_country`
	}
	rows, err := s.pool(d).query(ctx, q, c.args...)
	if err != nil {
		return nil, err
	}
	byKey := map[string]*sitrep.PlaceCount{}
	var out []*sitrep.PlaceCount
	for rows.Next() {
		p := &sitrep.PlaceCount{}
		if err := rows.Scan(&p.Name, &p.Country, &p.Lat, &p.Lon, &p.Precision, &p.Events); err != nil {
			rows.Close()
			return nil, err
		}
		byKey[p.Name+"\x00"+p.Country] = p
		out = append(out, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	killed, err := s.placeFatalities(ctx, f)
	if err != nil {
		return nil, err
	}
	for _, k := range killed {
		if p := byKey[k.Name+"\x00"+k.Country]; p != nil {
			p.Killed = k.Killed
		} else if !eventOnlyFilter(f) {
			kk := k
			out = append(out, &kk)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Events != out[j].Events {
			return out[i].Events > out[j].Events
		}
		if out[i].Killed != out[j].Killed {
			return out[i].Killed > out[j].Killed
		}
		return out[i].Name+out[i].Country < out[j].Name+out[j].Country
	})
	if f.Limit > 0 && len(out) > f.Limit {
		out = out[:f.Limit]
	}
	res := make([]sitrep.PlaceCount, len(out))
	for i, p := range out {
		res[i] = *p
	}
	return res, nil
}

// eventOnlyFilter reports whether f has conditions that only events have
// (actors, codes, modality), under which places with deaths but no
// selected event are left out.
func eventOnlyFilter(f sitrep.Filter) bool {
	return f.Actor != "" || f.Cameo != "" || f.Quad != 0 || f.Modality != "" || f.Place != ""
}

// Known reports which of the URLs belong to stored articles.
func (s *Store) Known(ctx context.Context, urls []string) (map[string]bool, error) {
	out := map[string]bool{}
	for len(urls) > 0 {
		n := min(len(urls), 200)
		chunk := urls[:n]
		urls = urls[n:]
		args := make([]any, len(chunk))
		for i, u := range chunk {
			args[i] = u
		}
		rows, err := s.x().query(ctx, `SELECT url FROM articles WHERE url IN (`+
			strings.TrimSuffix(strings.Repeat("?, ", len(chunk)), ", ")+`)`, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var u string
			if err := rows.Scan(&u); err != nil {
				rows.Close()
				return nil, err
			}
			out[u] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}
