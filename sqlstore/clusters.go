package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"sitrep"
)

// mention is one event to merge: where it is stored, its merge key and
// day, and what a cluster counts of it.
type mention struct {
	article int64
	idx     int
	key     clusterKey
	day     string
	gold    float64
	outlet  string
	cluster int64 // assigned
}

type clusterKey struct{ src, tgt, root, country string }

// cluster is a merged event as assign sees it.
type cluster struct {
	id         int64 // 0 until inserted
	start, end string
	changed    bool // an existing cluster whose days widened
	members    []*mention
}

// assign gives every mention a cluster: the cluster with the same source,
// target, CAMEO root and country whose days the mention's day falls within,
// give or take the merge window (the earliest such), or a new one, taking
// mentions oldest day first. It reads the candidate clusters already stored
// once per key, inserts new clusters and widens old ones, and returns the
// clusters whose counts must be refreshed (old ones touched), the new ones
// having had theirs computed here. The caller then stores each mention's
// cluster id. It runs in the transaction that stores the events, so a
// cluster never counts an event that was not stored; concurrent writers
// merge one at a time (LockMerge).
func (s *Store) assign(ctx context.Context, tx *sql.Tx, ms []*mention) (refresh []int64, created int, err error) {
	if len(ms) == 0 {
		return nil, 0, nil
	}
	x := dq{tx, s.d}
	if s.d.LockMerge != "" {
		if _, err := x.exec(ctx, s.d.LockMerge); err != nil {
			return nil, 0, err
		}
	}
	byKey := map[clusterKey][]*mention{}
	var keys []clusterKey
	for _, m := range ms {
		if _, ok := byKey[m.key]; !ok {
			keys = append(keys, m.key)
		}
		byKey[m.key] = append(byKey[m.key], m)
	}
	shift := func(day string, n int) string {
		t, _ := time.Parse(time.DateOnly, day)
		return t.AddDate(0, 0, n).Format(time.DateOnly)
	}
	// The stored clusters each key may join, read for many keys at once.
	existing := make([][]*cluster, len(keys))
	for from := 0; from < len(keys); from += 400 {
		chunk := keys[from:min(from+400, len(keys))]
		var vals strings.Builder
		args := make([]any, 0, 7*len(chunk))
		for n, k := range chunk {
			if n > 0 {
				vals.WriteString(", ")
			}
			vals.WriteString("(?, ?, ?, ?, ?, ?, ?)")
			group := byKey[k]
			lo, hi := group[0].day, group[0].day
			for _, m := range group {
				lo, hi = min(lo, m.day), max(hi, m.day)
			}
			args = append(args, strconv.Itoa(from+n), k.src, k.tgt, k.root, k.country,
				shift(lo, -s.window), shift(hi, s.window))
		}
		rows, err := x.query(ctx, `WITH k(i, src, tgt, root, country, lo, hi) AS (VALUES `+vals.String()+`)
			SELECT k.i, c.id, c.day_start, c.day_end FROM k JOIN clusters c
			ON c.source_code = k.src AND c.target_code = k.tgt AND c.root = k.root AND c.country = k.country
				AND c.day_start <= k.hi AND c.day_end >= k.lo
			ORDER BY c.day_start, c.id`, args...)
		if err != nil {
			return nil, 0, err
		}
		for rows.Next() {
			var i string
			c := &cluster{}
			if err := rows.Scan(&i, &c.id, &c.start, &c.end); err != nil {
				rows.Close()
				return nil, 0, err
			}
			n, err := strconv.Atoi(i)
			if err != nil || n < 0 || n >= len(keys) {
				rows.Close()
				return nil, 0, fmt.Errorf("merging: bad key index %q", i)
			}
			existing[n] = append(existing[n], c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, 0, err
		}
	}
	var all []*cluster
	for ki, k := range keys {
		group := byKey[k]
		sort.SliceStable(group, func(i, j int) bool { return group[i].day < group[j].day })
		cs := existing[ki]
		for _, m := range group {
			lo, hi := shift(m.day, -s.window), shift(m.day, s.window)
			var into *cluster
			for _, c := range cs {
				if c.start <= hi && c.end >= lo && (into == nil || c.start < into.start) {
					into = c
				}
			}
			if into == nil {
				into = &cluster{start: m.day, end: m.day}
				cs = append(cs, into)
			}
			if m.day < into.start {
				into.start, into.changed = m.day, true
			}
			if m.day > into.end {
				into.end, into.changed = m.day, true
			}
			into.members = append(into.members, m)
		}
		all = append(all, cs...)
	}
	widen, err := tx.PrepareContext(ctx, s.d.rebind(`UPDATE clusters SET day_start = ?, day_end = ? WHERE id = ?`))
	if err != nil {
		return nil, 0, err
	}
	defer widen.Close()
	var fresh []*cluster
	for _, c := range all {
		switch {
		case len(c.members) == 0:
		case c.id == 0:
			fresh = append(fresh, c)
		default:
			if c.changed {
				if _, err := widen.ExecContext(ctx, c.start, c.end, c.id); err != nil {
					return nil, 0, err
				}
			}
			refresh = append(refresh, c.id)
		}
	}
	// New clusters get their ids in one statement and are written in a few,
	// with the counts of their members.
	ids, err := s.nextIDs(ctx, tx, len(fresh))
	if err != nil {
		return nil, 0, err
	}
	ins := newRowWriter(tx, s.d, "clusters", "id", "source_code", "target_code", "root", "country", "day_start", "day_end",
		"mentions", "articles", "sources", "goldstein")
	for i, c := range fresh {
		c.id = ids[i]
		k := c.members[0].key
		arts, outlets := map[int64]bool{}, map[string]bool{}
		var sum float64
		for _, m := range c.members {
			arts[m.article], outlets[m.outlet] = true, true
			sum += m.gold
		}
		if err := ins.add(ctx, c.id, k.src, k.tgt, k.root, k.country, c.start, c.end,
			len(c.members), len(arts), len(outlets), sum/float64(len(c.members))); err != nil {
			return nil, 0, err
		}
	}
	if err := ins.flush(ctx); err != nil {
		return nil, 0, err
	}
	for _, c := range all {
		for _, m := range c.members {
			m.cluster = c.id
		}
	}
	return refresh, len(fresh), nil
}

// nextIDs returns n unused cluster ids.
func (s *Store) nextIDs(ctx context.Context, tx *sql.Tx, n int) ([]int64, error) {
	if n == 0 {
		return nil, nil
	}
	rows, err := tx.QueryContext(ctx, s.d.rebind(s.d.NextClusterIDs), n)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ids := make([]int64, 0, n)
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(ids) != n {
		return nil, fmt.Errorf("asked for %d cluster ids, got %d", n, len(ids))
	}
	return ids, nil
}

// refreshCounts recounts the mentions, articles, sources and mean
// Goldstein value of clusters from their stored events.
func (s *Store) refreshCounts(ctx context.Context, tx *sql.Tx, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	st, err := tx.PrepareContext(ctx, s.d.rebind(`UPDATE clusters SET
		mentions = (SELECT count(*) FROM events WHERE cluster = ?),
		articles = (SELECT count(DISTINCT article) FROM events WHERE cluster = ?),
		sources = (SELECT count(DISTINCT outlet) FROM events WHERE cluster = ?),
		goldstein = (SELECT avg(goldstein) FROM events WHERE cluster = ?)
		WHERE id = ?`))
	if err != nil {
		return err
	}
	defer st.Close()
	for _, id := range ids {
		if _, err := st.ExecContext(ctx, id, id, id, id, id); err != nil {
			return err
		}
	}
	return nil
}

// MergePending merges events stored without a cluster (by stores older
// than merging).
func (s *Store) MergePending(ctx context.Context) error {
	var n int
	if err := s.x().row(ctx, `SELECT count(*) FROM events WHERE cluster IS NULL AND day IS NOT NULL`).Scan(&n); err != nil || n == 0 {
		return err
	}
	tx, err := s.DB.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	x := dq{tx, s.d}
	rows, err := x.query(ctx, `SELECT e.article, e.idx, coalesce(e.source_code, ''), coalesce(e.target_code, ''),
		e.root, coalesce(e.place_country, ''), e.day, e.goldstein, e.outlet
		FROM events e WHERE e.cluster IS NULL AND e.day IS NOT NULL ORDER BY e.article, e.idx`)
	if err != nil {
		return err
	}
	var ms []*mention
	for rows.Next() {
		m := &mention{}
		if err := rows.Scan(&m.article, &m.idx, &m.key.src, &m.key.tgt, &m.key.root, &m.key.country, &m.day, &m.gold, &m.outlet); err != nil {
			rows.Close()
			return err
		}
		if _, err := time.Parse(time.DateOnly, m.day); err == nil {
			ms = append(ms, m)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	refresh, _, err := s.assign(ctx, tx, ms)
	if err != nil {
		return fmt.Errorf("merging stored events: %w", err)
	}
	// The rollups' count of merged events is recounted on the next open.
	if _, err := tx.ExecContext(ctx, `UPDATE roll_state SET built = 0`); err != nil {
		return err
	}
	set, err := tx.PrepareContext(ctx, s.d.rebind(`UPDATE events SET cluster = ? WHERE article = ? AND idx = ?`))
	if err != nil {
		return err
	}
	defer set.Close()
	for _, m := range ms {
		if _, err := set.ExecContext(ctx, m.cluster, m.article, m.idx); err != nil {
			return err
		}
	}
	if err := s.refreshCounts(ctx, tx, refresh); err != nil {
		return err
	}
	return tx.Commit()
}

// clusterClause selects clusters (alias k) by day range, actor, country
// and CAMEO root; the other event conditions do not apply to clusters.
func clusterClause(f sitrep.Filter) (*clause, error) {
	c := &clause{}
	if f.From != "" {
		c.add("k.day_end >= ?", string(f.From))
	}
	if f.To != "" {
		c.add("k.day_start <= ?", string(f.To))
	}
	if f.Actor != "" {
		p := likePrefix(strings.ToUpper(f.Actor))
		c.add(`(k.source_code LIKE ? ESCAPE '\' OR k.target_code LIKE ? ESCAPE '\')`, p, p)
	}
	if f.Country != "" {
		cc := strings.ToUpper(f.Country)
		c.add("(k.country = ? OR substr(k.source_code, 1, 3) = ? OR substr(k.target_code, 1, 3) = ?)", cc, cc, cc)
	}
	if f.Cameo != "" {
		c.add("k.root = ?", fmt.Sprintf("%02s", f.Cameo[:min(2, len(f.Cameo))]))
	}
	if f.Quad != 0 || f.Modality != "" || f.Outlet != "" || f.Place != "" || f.Query != "" {
		ef := sitrep.Filter{Quad: f.Quad, Modality: f.Modality, Outlet: f.Outlet, Place: f.Place}
		ec := &clause{}
		eventConds(ec, ef)
		if f.Query != "" {
			return nil, badQuery("clusters cannot be searched by text")
		}
		c.add("EXISTS (SELECT 1 FROM events e WHERE e.cluster = k.id AND "+strings.Join(ec.conds, " AND ")+")", ec.args...)
	}
	return c, nil
}

var clusterOrders = map[string]string{
	"-mentions":  "k.mentions DESC, k.day_start, k.id",
	"mentions":   "k.mentions, k.day_start, k.id",
	"day":        "k.day_start, k.id",
	"-day":       "k.day_start DESC, k.id DESC",
	"goldstein":  "k.goldstein, k.id",
	"-goldstein": "k.goldstein DESC, k.id",
}

const clusterColumns = `k.id, k.source_code, k.target_code, k.root, k.country, k.day_start, k.day_end,
	k.mentions, k.articles, k.sources, k.goldstein`

func scanCluster(sc interface{ Scan(...any) error }) (sitrep.Cluster, error) {
	var k sitrep.Cluster
	var start, end string
	err := sc.Scan(&k.ID, &k.Source, &k.Target, &k.Root, &k.Country, &start, &end, &k.Mentions, &k.Articles, &k.Sources, &k.Goldstein)
	k.Start, k.End = sitrep.Date(start), sitrep.Date(end)
	return k, err
}

// Clusters lists merged events, most mentioned first unless sorted.
func (s *Store) Clusters(ctx context.Context, f sitrep.Filter) ([]sitrep.Cluster, error) {
	c, err := clusterClause(f)
	if err != nil {
		return nil, err
	}
	order, err := s.orderBy(f.Sort, "-mentions", clusterOrders)
	if err != nil {
		return nil, err
	}
	rows, err := s.h().query(ctx, `SELECT `+clusterColumns+` FROM clusters k`+c.sql()+order+s.limitSQL(f), c.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []sitrep.Cluster
	for rows.Next() {
		k, err := scanCluster(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// Cluster returns one merged event with all its mentions, oldest article
// first, each with the sentence it came from.
func (s *Store) Cluster(ctx context.Context, id int64) (*sitrep.Cluster, []sitrep.StoredEvent, error) {
	k, err := scanCluster(s.x().row(ctx, `SELECT `+clusterColumns+` FROM clusters k WHERE k.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, fmt.Errorf("cluster %d: %w", id, sitrep.ErrNotFound)
	}
	if err != nil {
		return nil, nil, err
	}
	rows, err := s.x().query(ctx, `SELECT `+eventColumns+`, a.record
		FROM events e`+eventJoin+` WHERE e.cluster = ? ORDER BY e.article, e.idx`, id)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var out []sitrep.StoredEvent
	sentences := map[string][]sitrep.Sentence{}
	for rows.Next() {
		var blob []byte
		e, err := scanEvent(rows, &blob)
		if err != nil {
			return nil, nil, err
		}
		ss, ok := sentences[e.ArticleID]
		if !ok {
			var r struct {
				Sentences []sitrep.Sentence `json:"sentences"`
			}
			if err := json.Unmarshal(blob, &r); err != nil {
				return nil, nil, fmt.Errorf("record of %s: %w", e.ArticleID, err)
			}
			ss = r.Sentences
			sentences[e.ArticleID] = ss
		}
		if e.Sentence >= 0 && e.Sentence < len(ss) {
			sent := ss[e.Sentence]
			e.Context = &sent
		}
		out = append(out, e)
	}
	return &k, out, rows.Err()
}
