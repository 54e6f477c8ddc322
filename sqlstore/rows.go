package sqlstore

import (
	"context"
	"database/sql"
	"strings"
)

// rowWriter writes rows of one table in multi-row INSERTs, so that storing
// a batch takes a few statements rather than one a row (a round trip each
// on PostgreSQL).
type rowWriter struct {
	tx      *sql.Tx
	d       *Dialect
	head    string // INSERT INTO t (a, b, c) VALUES
	tail    string // after the rows (ON CONFLICT ...)
	ncol    int
	maxRows int
	args    []any
}

// newRowWriter writes rows of ncol values into table's columns.
func newRowWriter(tx *sql.Tx, d *Dialect, table string, cols ...string) *rowWriter {
	return &rowWriter{tx: tx, d: d, head: "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES ",
		ncol: len(cols), maxRows: max(1, 8000/len(cols))}
}

// add queues one row, writing the queue when it is full.
func (w *rowWriter) add(ctx context.Context, vals ...any) error {
	if len(vals) != w.ncol {
		panic("rowWriter: wrong number of values")
	}
	w.args = append(w.args, vals...)
	if len(w.args) >= w.maxRows*w.ncol {
		return w.flush(ctx)
	}
	return nil
}

// flush writes the queued rows.
func (w *rowWriter) flush(ctx context.Context) error {
	n := len(w.args) / w.ncol
	if n == 0 {
		return nil
	}
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", w.ncol), ", ") + ")"
	var b strings.Builder
	b.Grow(len(w.head) + n*(len(one)+2))
	b.WriteString(w.head)
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(one)
	}
	b.WriteString(w.tail)
	_, err := w.tx.ExecContext(ctx, w.d.rebind(b.String()), w.args...)
	w.args = w.args[:0]
	return err
}
