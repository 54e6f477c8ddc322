package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"sitrep"
)

// DefaultMergeWindow is how many days apart two reports of one event may
// date it and still be merged.
const DefaultMergeWindow = 1

// SetMergeWindow sets the merge window in days; 0 merges only events of
// the same day (PETRARCH's one-a-day rule).
func (s *Store) SetMergeWindow(days int) {
	if days < 0 {
		days = 0
	}
	s.window = days
}

// cluster assigns every event without a cluster to one, creating clusters
// as needed, oldest day first, and refreshes the counts of the clusters it
// touches. It runs inside the transaction that stored the events, so a
// cluster never counts an event that was not stored.
func (s *Store) cluster(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT e.article, e.idx, coalesce(e.source_code, ''), coalesce(e.target_code, ''),
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
		err = tx.QueryRowContext(ctx, `SELECT id FROM clusters WHERE source_code = ? AND target_code = ? AND root = ? AND country = ?
			AND day_start <= ? AND day_end >= ? ORDER BY day_start LIMIT 1`, e.src, e.tgt, e.root, e.country, hi, lo).Scan(&id)
		switch {
		case err == sql.ErrNoRows:
			res, err := tx.ExecContext(ctx, `INSERT INTO clusters (source_code, target_code, root, country, day_start, day_end) VALUES (?, ?, ?, ?, ?, ?)`,
				e.src, e.tgt, e.root, e.country, e.day, e.day)
			if err != nil {
				return err
			}
			if id, err = res.LastInsertId(); err != nil {
				return err
			}
		case err != nil:
			return err
		default:
			if _, err := tx.ExecContext(ctx, `UPDATE clusters SET day_start = min(day_start, ?), day_end = max(day_end, ?) WHERE id = ?`, e.day, e.day, id); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE events SET cluster = ? WHERE article = ? AND idx = ?`, id, e.article, e.idx); err != nil {
			return err
		}
		touched[id] = true
	}
	for id := range touched {
		if _, err := tx.ExecContext(ctx, `UPDATE clusters SET
			mentions = (SELECT count(*) FROM events WHERE cluster = ?1),
			articles = (SELECT count(DISTINCT article) FROM events WHERE cluster = ?1),
			sources = (SELECT count(DISTINCT a.source) FROM events e JOIN articles a ON a.rowid = e.article WHERE e.cluster = ?1),
			goldstein = (SELECT avg(goldstein) FROM events WHERE cluster = ?1)
			WHERE id = ?1`, id); err != nil {
			return err
		}
	}
	return nil
}

// clusterPending clusters events stored before clusters existed.
func (s *Store) clusterPending(ctx context.Context) error {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM events WHERE cluster IS NULL AND day IS NOT NULL`).Scan(&n); err != nil || n == 0 {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := s.cluster(ctx, tx); err != nil {
		return fmt.Errorf("clustering stored events: %w", err)
	}
	return tx.Commit()
}

// Clusters lists merged events, most mentioned first, filtered like events
// (by day range, actor, country, CAMEO root).
func (s *Store) Clusters(ctx context.Context, f sitrep.Filter) ([]sitrep.Cluster, error) {
	c := &clause{}
	if f.From != "" {
		c.add("k.day_end >= ?", string(f.From))
	}
	if f.To != "" {
		c.add("k.day_start <= ?", string(f.To))
	}
	if f.Actor != "" {
		p := likePrefix(f.Actor)
		c.add(`(k.source_code LIKE ? ESCAPE '\' OR k.target_code LIKE ? ESCAPE '\')`, p, p)
	}
	if f.Country != "" {
		c.add("(k.country = ? OR substr(k.source_code, 1, 3) = ? OR substr(k.target_code, 1, 3) = ?)", f.Country, f.Country, f.Country)
	}
	if f.Cameo != "" {
		c.add("k.root = ?", fmt.Sprintf("%02s", f.Cameo[:min(2, len(f.Cameo))]))
	}
	rows, err := s.db.QueryContext(ctx, `SELECT k.id, k.source_code, k.target_code, k.root, k.country, k.day_start, k.day_end,
		k.mentions, k.articles, k.sources, k.goldstein FROM clusters k`+c.sql()+` ORDER BY k.mentions DESC, k.day_start, k.id`+limitSQL(f), c.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []sitrep.Cluster
	for rows.Next() {
		var k sitrep.Cluster
		var start, end string
		if err := rows.Scan(&k.ID, &k.Source, &k.Target, &k.Root, &k.Country, &start, &end, &k.Mentions, &k.Articles, &k.Sources, &k.Goldstein); err != nil {
			return nil, err
		}
		k.Start, k.End = sitrep.Date(start), sitrep.Date(end)
		out = append(out, k)
	}
	return out, rows.Err()
}
