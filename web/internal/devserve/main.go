// Command devserve serves the dashboard from web/dist on disk (so that a new
// `npm run build` shows on reload, with no Go rebuild) together with the API
// over a SQLite store, loading the bundled examples into it first. For
// working on the dashboard; `sitrep serve` is the real server.
//
//	go run ./web/internal/devserve --db /tmp/dash.db --addr 127.0.0.1:8099
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"

	"sitrep/api"
	"sitrep/engine"
	"sitrep/sqlite"
	"sitrep/web/internal/demo"
)

func main() {
	db := flag.String("db", "dashboard-dev.db", "SQLite store (the examples are loaded into it)")
	addr := flag.String("addr", "127.0.0.1:8099", "address to listen on")
	dist := flag.String("dist", "web/dist", "directory of the built dashboard")
	flag.Parse()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, *db)
	if err != nil {
		log.Fatal(err)
	}
	defer st.Close()
	n, err := demo.Load(ctx, st)
	if err != nil {
		log.Fatal(err)
	}
	p, err := engine.New(engine.Options{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("stored %d new reports; serving http://%s/\n", n, *addr)
	srv := api.New(api.Options{Store: st, Coder: p, Web: os.DirFS(*dist)})
	log.Fatal(http.ListenAndServe(*addr, srv))
}
