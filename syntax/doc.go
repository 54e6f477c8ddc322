// Package syntax is sitrep's part-of-speech tagger and dependency parser for
// English, trained here on the Universal Dependencies English treebanks (EWT
// and the CC BY part of GUM) and embedded in the binary (data/).
//
// The tagger is a two-pass greedy averaged perceptron whose classes pair a
// Penn Treebank tag with a Universal POS tag. The parser is a greedy
// arc-hybrid transition parser with labelled moves, an averaged perceptron
// over about eighty feature templates, trained with a dynamic oracle on tags
// predicted by taggers that had not seen the sentence (jackknifing). Both
// read hashed features from flat tables; a sentence costs time linear in its
// length, and its result is always one projective tree with one root.
//
// Relations are those of the treebanks (UD 2.16 English), subtypes included:
// nsubj:pass, obl:agent, acl:relcl, compound:prt, nmod:poss, and
// obl:unmarked, the name these releases give to what older ones called
// obl:tmod and obl:npmod ("attacked Monday").
//
// Tokens follow sitrep's tokenizer: words joined by a hyphen stay one word
// ("pro-government", "al-Assad"), where the treebanks split them; the model
// is trained on both forms, so that either parses. Training (Train) is
// deterministic for a given configuration; `sitrep train syntax` runs it and
// `sitrep eval parse` measures the result.
//
// Callers outside the text layer do not use this package: the nlp package
// puts each word's head and relation on sitrep.Token, and coders read the
// tree through sitrep.Doc's methods.
package syntax
