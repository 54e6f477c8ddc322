// Command sitrep turns news reports into a structured, sourced record of
// political and conflict events. See the README for its commands.
package main

import (
	"os"

	"sitrep/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}))
}
