package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"sitrep/syntax"
)

func trainCmd(env Env) *cobra.Command {
	cfg := syntax.DefaultTrainConfig
	var train, dev []string
	var out string
	c := &cobra.Command{
		Use:   "train syntax",
		Short: "Train the part-of-speech tagger and dependency parser on CoNLL-U treebanks",
		Long: `Train sitrep's tagger and labelled dependency parser on Universal Dependencies
treebanks and write the model the binary embeds (syntax/data/en-ud.model.zst).

The tagger is trained first; the parser is trained on tags predicted by taggers
that did not see the sentence (jackknifing over --folds folds), so that it
learns from the tags it will meet in use. Training is deterministic for a given
--seed and input, and reports its progress and time on standard error.

The embedded model was trained with the defaults on UD English EWT and the
CC BY part of GUM (see syntax/data/README.md):

  sitrep train syntax \
    --train ../shared/data/ud/en_ewt-ud-train.conllu.gz \
    --train ../shared/data/ud/en_gum-ccby-ud-train.conllu.gz \
    --dev ../shared/data/ud/en_ewt-ud-dev.conllu.gz \
    --out syntax/data/en-ud.model.zst`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if args[0] != "syntax" {
				return usagef("unknown model %q (models: syntax)", args[0])
			}
			if len(train) == 0 {
				return usagef("--train is required")
			}
			if out == "" {
				return usagef("--out is required")
			}
			cfg.Train, cfg.Dev = train, dev
			start := time.Now()
			m, err := syntax.Train(cmd.Context(), cfg, env.Stderr)
			if err != nil {
				return err
			}
			m.Info = fmt.Sprintf("trained on %v with tagger %d rounds, parser %d rounds, %d folds, seed %d",
				baseNames(train), cfg.TaggerIters, cfg.ParserIters, cfg.Folds, cfg.Seed)
			tmp := out + ".tmp"
			f, err := os.Create(tmp)
			if err != nil {
				return err
			}
			if err := m.Write(f); err != nil {
				f.Close()
				return err
			}
			if err := f.Close(); err != nil {
				return err
			}
			if err := os.Rename(tmp, out); err != nil {
				return err
			}
			st, _ := os.Stat(out)
			fmt.Fprintf(env.Stderr, "wrote %s (%.1f MB) in %s\n", out, float64(st.Size())/1e6, time.Since(start).Round(time.Second))
			return nil
		},
	}
	c.Flags().StringArrayVar(&train, "train", nil, "training treebank (CoNLL-U, .gz allowed); repeat for several")
	c.Flags().StringArrayVar(&dev, "dev", nil, "development treebank to report on while training; repeat for several")
	c.Flags().StringVar(&out, "out", "", "where to write the model (gzipped)")
	c.Flags().IntVar(&cfg.TaggerIters, "tagger-rounds", cfg.TaggerIters, "passes over the training data for the tagger")
	c.Flags().IntVar(&cfg.ParserIters, "parser-rounds", cfg.ParserIters, "passes over the training data for the parser")
	c.Flags().IntVar(&cfg.Folds, "folds", cfg.Folds, "jackknife folds for the parser's training tags (1: the final tagger's own tags)")
	c.Flags().Uint64Var(&cfg.Seed, "seed", cfg.Seed, "random seed (shuffling, exploration)")
	c.Flags().Float64Var(&cfg.Augment, "augment", cfg.Augment, "share of plain declarative training sentences also learnt with a trailing reporting clause (\", officials said.\"); 0 turns it off")
	c.Flags().Int32Var(&cfg.MinCount, "min-count", cfg.MinCount, "drop features seen fewer times than this in the first round")
	return c
}

func baseNames(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = filepath.Base(p)
	}
	return out
}
