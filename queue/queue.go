// Package queue shares ingest work between worker processes, on one machine
// or several, through a job table in the PostgreSQL store. A worker claims
// the oldest open job with SELECT ... FOR UPDATE SKIP LOCKED, so no two
// workers take one job, and holds it for a lease that it renews while it
// works; when a worker dies (even by kill -9) its job is claimed again once
// the lease runs out. A job whose source cannot be read, or whose worker
// dies, is tried again; it is marked failed after MaxAttempts tries.
// Storing is idempotent, so a job done twice stores every article once.
package queue

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// MaxAttempts is how many times a job is tried before it is marked failed.
const MaxAttempts = 3

// Queue is the job table of one database.
type Queue struct{ db *sql.DB }

// New returns the queue in db, whose schema must hold the jobs table
// (package postgres's migrations create it).
func New(db *sql.DB) *Queue { return &Queue{db: db} }

// Job is a source to read, code and store.
type Job struct {
	ID       int64
	Source   string
	Attempts int
}

// Add queues sources; a source already waiting is not queued twice. It
// returns how many were added.
func (q *Queue) Add(ctx context.Context, sources ...string) (int, error) {
	n := 0
	for _, s := range sources {
		res, err := q.db.ExecContext(ctx, `INSERT INTO jobs (source) VALUES ($1) ON CONFLICT DO NOTHING`, s)
		if err != nil {
			return n, fmt.Errorf("queue %s: %w", s, err)
		}
		k, _ := res.RowsAffected()
		n += int(k)
	}
	return n, nil
}

// Sources checks sources for the queue: a URL is kept as it is; a file
// or directory must exist, and is named by its absolute path, so that a
// worker started in another directory finds it. Every missing path is
// reported, and then none is returned.
func Sources(args []string) ([]string, error) {
	var out []string
	var missing []string
	for _, a := range args {
		if strings.HasPrefix(a, "http://") || strings.HasPrefix(a, "https://") {
			out = append(out, a)
			continue
		}
		abs, err := filepath.Abs(a)
		if err == nil {
			_, err = os.Stat(abs)
		}
		if err != nil {
			missing = append(missing, a)
			continue
		}
		out = append(out, abs)
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("no such file or directory: %s (nothing queued)", strings.Join(missing, ", "))
	}
	return out, nil
}

// ErrEmpty means no job is queued or running.
var ErrEmpty = errors.New("no open jobs")

// Claim takes the oldest job that is queued, or running under a lease
// that ran out, for worker for the lease. It returns (nil, nil) when every
// open job is held by a live worker, and ErrEmpty when there is none.
func (q *Queue) Claim(ctx context.Context, worker string, lease time.Duration) (*Job, error) {
	tx, err := q.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	var j Job
	err = tx.QueryRowContext(ctx, `SELECT id, source, attempts FROM jobs
		WHERE state = 'queued' OR (state = 'running' AND lease < now())
		ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED`).Scan(&j.ID, &j.Source, &j.Attempts)
	if errors.Is(err, sql.ErrNoRows) {
		var open int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM jobs WHERE state IN ('queued', 'running')`).Scan(&open); err != nil {
			return nil, err
		}
		if open == 0 {
			return nil, ErrEmpty
		}
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if j.Attempts >= MaxAttempts {
		_, err := tx.ExecContext(ctx, `UPDATE jobs SET state = 'failed', finished = now(),
			error = coalesce(error, 'worker died') || ' (given up after ' || attempts || ' attempts)' WHERE id = $1`, j.ID)
		if err != nil {
			return nil, err
		}
		if err := tx.Commit(); err != nil {
			return nil, err
		}
		return q.Claim(ctx, worker, lease)
	}
	j.Attempts++
	if _, err := tx.ExecContext(ctx, `UPDATE jobs SET state = 'running', worker = $2, attempts = $3,
		lease = now() + $4 * interval '1 millisecond' WHERE id = $1`, j.ID, worker, j.Attempts, lease.Milliseconds()); err != nil {
		return nil, err
	}
	return &j, tx.Commit()
}

// Renew extends a claimed job's lease; it fails when the job is no longer
// this worker's (its lease ran out and another worker took it).
func (q *Queue) Renew(ctx context.Context, j *Job, worker string, lease time.Duration) error {
	res, err := q.db.ExecContext(ctx, `UPDATE jobs SET lease = now() + $3 * interval '1 millisecond'
		WHERE id = $1 AND worker = $2 AND state = 'running'`, j.ID, worker, lease.Milliseconds())
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("job %d is no longer held by %s", j.ID, worker)
	}
	return nil
}

// Result is what doing a job came to.
type Result struct {
	Stored, Unchanged, Failed int
	Err                       error // the source could not be read at all
}

// Finish records a job's result: done; or, when the source could not be
// read at all, queued again for another try, and failed once it has been
// tried MaxAttempts times.
func (q *Queue) Finish(ctx context.Context, j *Job, worker string, r Result) error {
	state, msg := "done", sql.NullString{}
	if r.Err != nil {
		state, msg = "queued", sql.NullString{String: r.Err.Error(), Valid: true}
		if j.Attempts >= MaxAttempts {
			state = "failed"
			msg.String += fmt.Sprintf(" (given up after %d attempts)", j.Attempts)
		}
	}
	_, err := q.db.ExecContext(ctx, `UPDATE jobs SET state = $3, error = $4, stored = $5, unchanged = $6, failed = $7,
		finished = CASE WHEN $3 = 'queued' THEN NULL ELSE now() END, lease = NULL WHERE id = $1 AND worker = $2`, j.ID, worker, state, msg, r.Stored, r.Unchanged, r.Failed)
	return err
}

// Counts returns how many jobs are in each state.
func (q *Queue) Counts(ctx context.Context) (map[string]int, error) {
	rows, err := q.db.QueryContext(ctx, `SELECT state, count(*) FROM jobs GROUP BY state`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{"queued": 0, "running": 0, "done": 0, "failed": 0}
	for rows.Next() {
		var s string
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			return nil, err
		}
		out[s] = n
	}
	return out, rows.Err()
}

// Failed lists the failed jobs with their errors.
func (q *Queue) Failed(ctx context.Context) ([]string, error) {
	rows, err := q.db.QueryContext(ctx, `SELECT source, coalesce(error, '') FROM jobs WHERE state = 'failed' ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s, e string
		if err := rows.Scan(&s, &e); err != nil {
			return nil, err
		}
		out = append(out, s+": "+e)
	}
	return out, rows.Err()
}
