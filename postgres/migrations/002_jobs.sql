-- A job table for several worker processes sharing one store: each job is
-- one source (file, directory, URL or feed) to read, code and store.
-- Workers claim a job with SELECT ... FOR UPDATE SKIP LOCKED and hold it
-- for a lease they keep renewing; a job whose worker died is claimed again
-- when its lease runs out. Articles are stored idempotently, so a job run
-- twice stores nothing twice.
CREATE TABLE jobs (
	id        BIGSERIAL PRIMARY KEY,
	source    TEXT NOT NULL,
	state     TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed')),
	attempts  INTEGER NOT NULL DEFAULT 0,
	worker    TEXT,
	lease     TIMESTAMPTZ,
	error     TEXT,
	stored    INTEGER NOT NULL DEFAULT 0,
	unchanged INTEGER NOT NULL DEFAULT 0,
	failed    INTEGER NOT NULL DEFAULT 0,
	created   TIMESTAMPTZ NOT NULL DEFAULT now(),
	finished  TIMESTAMPTZ
);
-- A source waits in the queue at most once.
CREATE UNIQUE INDEX jobs_pending_source ON jobs(source) WHERE state IN ('queued', 'running');
CREATE INDEX jobs_open ON jobs(id) WHERE state IN ('queued', 'running');
