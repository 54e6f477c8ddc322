package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"sitrep"
)

// merge assigns every event without a cluster to one, creating clusters as
// needed, oldest day first, and refreshes the counts of the clusters it
// touches. An event joins the cluster with the same source, target, CAMEO
// root and country whose days it falls within, give or take the merge
// window. It runs inside the transaction that stored the events, so a
// cluster never counts an event that was not stored.
func (s *Store) merge(ctx context.Context, tx *sql.Tx) error {
	x := dq{tx, s.d}
	if s.d.LockMerge != "" {
		if _, err := x.exec(ctx, s.d.LockMerge); err != nil {
			return err
		}
	}
	rows, err := x.query(ctx, `SELECT e.article, e.idx, coalesce(e.source_code, ''), coalesce(e.target_code, ''),
		e.root, coalesce(e.place_country, ''), e.day FROM events e WHERE e.cluster IS NULL AND e.day IS NOT NULL ORDER BY e.day, e.article, e.idx`)
	if err != nil {
		return err
	}
	type ev struct {
		article, idx                 int64
		src, tgt, root, country, day string
	}
	var pending []ev
	for rows.Next() {
		var e ev
		if err := rows.Scan(&e.article, &e.idx, &e.src, &e.tgt, &e.root, &e.country, &e.day); err != nil {
			rows.Close()
			return err
		}
		pending = append(pending, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	touched := map[int64]bool{}
	for _, e := range pending {
		day, err := time.Parse(time.DateOnly, e.day)
		if err != nil {
			continue
		}
		lo := day.AddDate(0, 0, -s.window).Format(time.DateOnly)
		hi := day.AddDate(0, 0, s.window).Format(time.DateOnly)
		var id int64
		err = x.row(ctx, `SELECT id FROM clusters WHERE source_code = ? AND target_code = ? AND root = ? AND country = ?
			AND day_start <= ? AND day_end >= ? ORDER BY day_start LIMIT 1`, e.src, e.tgt, e.root, e.country, hi, lo).Scan(&id)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			if err := x.row(ctx, `INSERT INTO clusters (source_code, target_code, root, country, day_start, day_end)
				VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, e.src, e.tgt, e.root, e.country, e.day, e.day).Scan(&id); err != nil {
				return err
			}
		case err != nil:
			return err
		default:
			if _, err := x.exec(ctx, `UPDATE clusters SET
				day_start = CASE WHEN day_start > ? THEN ? ELSE day_start END,
				day_end = CASE WHEN day_end < ? THEN ? ELSE day_end END WHERE id = ?`, e.day, e.day, e.day, e.day, id); err != nil {
				return err
			}
		}
		if _, err := x.exec(ctx, `UPDATE events SET cluster = ? WHERE article = ? AND idx = ?`, id, e.article, e.idx); err != nil {
			return err
		}
		touched[id] = true
	}
	for id := range touched {
		if _, err := x.exec(ctx, `UPDATE clusters SET
			mentions = (SELECT count(*) FROM events WHERE cluster = ?),
			articles = (SELECT count(DISTINCT article) FROM events WHERE cluster = ?),
			sources = (SELECT count(DISTINCT outlet) FROM events WHERE cluster = ?),
			goldstein = (SELECT avg(goldstein) FROM events WHERE cluster = ?)
			WHERE id = ?`, id, id, id, id, id); err != nil {
			return err
		}
	}
	return nil
}

// MergePending merges events stored before clusters existed.
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
	if err := s.merge(ctx, tx); err != nil {
		return fmt.Errorf("merging stored events: %w", err)
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
	if f.Quad != 0 || f.Modality != "" || f.Outlet != "" || f.Query != "" {
		ef := sitrep.Filter{Quad: f.Quad, Modality: f.Modality, Outlet: f.Outlet}
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
	order, err := orderBy(f.Sort, "-mentions", clusterOrders)
	if err != nil {
		return nil, err
	}
	rows, err := s.x().query(ctx, `SELECT `+clusterColumns+` FROM clusters k`+c.sql()+order+s.limitSQL(f), c.args...)
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
		FROM events e JOIN articles a ON a.rowid = e.article WHERE e.cluster = ? ORDER BY e.article, e.idx`, id)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var out []sitrep.StoredEvent
	sentences := map[string][]sitrep.Sentence{}
	for rows.Next() {
		var ej, blob []byte
		var e sitrep.StoredEvent
		var pub string
		if err := rows.Scan(&ej, &e.ArticleID, &e.URL, &pub, &e.Title, &e.Outlet, &e.Cluster, &blob); err != nil {
			return nil, nil, err
		}
		if err := json.Unmarshal(ej, &e.Event); err != nil {
			return nil, nil, fmt.Errorf("event of %s: %w", e.ArticleID, err)
		}
		e.Published = sitrep.Date(pub)
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
