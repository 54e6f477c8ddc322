// Package sitrep holds the domain of sitrep: news articles, the text layer
// built over them, the spans annotators find in that text, the records coders
// write, and the interfaces that connect the stages of the pipeline
//
//	source -> Article -> Doc -> annotators -> coders -> Record -> Store
//
// Implementations live in packages named after what they depend on: ingest
// (files, HTML, feeds, the network), nlp (sentences, tokens, tags, lemmas),
// pipeline (parallel coding), sqlite (the embedded store), eval (scoring
// against gold data). The cmd/sitrep binary only wires them together.
//
// The JSON field names of Record and everything inside it are the record
// contract (v1): tools depend on them, so they may be added to but never
// renamed. Offsets are byte offsets into Article.Text.
package sitrep

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// ContractVersion is the version of the record contract Record follows.
const ContractVersion = 1

// Date is a calendar day written "YYYY-MM-DD". The zero value means the day
// is unknown and is written as JSON null.
type Date string

// DateOf returns the Date of t's calendar day.
func DateOf(t time.Time) Date { return Date(t.Format(time.DateOnly)) }

// ParseDate reads "YYYY-MM-DD", the only form a Date takes.
func ParseDate(s string) (Date, error) {
	if s == "" {
		return "", nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return "", fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	return DateOf(t), nil
}

// Time returns the day as midnight UTC, and false when the day is unknown.
func (d Date) Time() (time.Time, bool) {
	t, err := time.Parse(time.DateOnly, string(d))
	return t, err == nil
}

// MarshalJSON writes the day, or null when it is unknown.
func (d Date) MarshalJSON() ([]byte, error) {
	if d == "" {
		return []byte("null"), nil
	}
	return json.Marshal(string(d))
}

// UnmarshalJSON reads a day or null; anything else is an error.
func (d *Date) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, []byte("null")) {
		*d = ""
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("date: %w", err)
	}
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Article is one news report as it arrived: its text and what is known about
// where and when it was published. Text is plain UTF-8 with paragraphs
// separated by blank lines; every offset elsewhere in a Record points into it.
// SHA256 is the hex digest of Text and, with URL, identifies the article when
// it is stored.
type Article struct {
	ID        string `json:"id"`
	URL       string `json:"url"`
	Title     string `json:"title"`
	Source    string `json:"source"`
	Published Date   `json:"published"`
	Lang      string `json:"lang"`
	SHA256    string `json:"sha256"`
	Text      string `json:"text"`
	// Origin names where sitrep read the article from: a file path, a URL,
	// "stdin", or a corpus file and line ("corpus.jsonl:12").
	Origin string `json:"origin,omitempty"`
}

// Span is a stretch of an article's text, [Start, End) in bytes.
type Span struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Token is a word or punctuation mark with its byte offsets, its Penn
// Treebank part-of-speech tag, its Universal POS tag, its lemma (the
// lower-case dictionary form: "killed" -> "kill", "children" -> "child"), and
// its place in the sentence's dependency tree: Head is the index in
// Doc.Tokens of the word it depends on (-1 for the root of its sentence, or
// when the sentence was not parsed) and Dep the Universal Dependencies
// relation to it ("nsubj", "obl:agent", "root"; "" when not parsed).
type Token struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Tag   string `json:"tag"`
	UPOS  string `json:"upos,omitempty"`
	Lemma string `json:"lemma"`
	Head  int    `json:"head"`
	Dep   string `json:"dep"`
}

// Sentence is one sentence of a Doc: its byte range in the text and the range
// [First, Last) of its tokens in Doc.Tokens. Para is the index of the
// paragraph it belongs to.
type Sentence struct {
	Index int    `json:"index"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	Para  int    `json:"para"`
	First int    `json:"-"`
	Last  int    `json:"-"`
}

// Doc is an article after the text layer has run: its sentences and tokens,
// and the spans annotators add to it. Annotators append to the span slices;
// coders read them and write a Record. A Doc is used by one goroutine at a
// time.
type Doc struct {
	Article   *Article
	Sentences []Sentence
	Tokens    []Token
	// Syntax parses a sentence when its tree is first read through the
	// methods of Doc (Dependents, Head, Path, ...), so that sentences no
	// coder looks into cost no parsing; nil when the text layer parsed
	// every sentence already.
	Syntax SentenceParser

	Actors  []Actor
	Phrases []Phrase
	Places  []PlaceMention
	// PlaceRoles are the places named as actors or demonyms, in text
	// order; Places holds only locations, which coders may place things at.
	PlaceRoles []PlaceMention
	Times      []TimeMention
	Quotes     []Quote
	Claims     []Claim
}

// SentenceParser parses sentence s of d, setting the Head and Dep of its
// tokens. Parsing a sentence already parsed changes nothing.
type SentenceParser interface {
	ParseSentence(d *Doc, s int)
}

// Phrase is a noun phrase the actor annotator found: its sentence, its
// tokens [First, Last) in Doc.Tokens, its head token, and the actors it
// names as indices into Doc.Actors: none for a phrase that names no actor,
// several for coordinated modifiers ("Russian and Syrian warplanes").
// Modifier holds the actor a phrase's modifier names when its head is not
// an actor ("an army offensive"), or -1.
type Phrase struct {
	Sentence    int
	First, Last int
	Head        int
	Actors      []int
	Modifier    int
	Pronoun     bool
	Place       bool // a locative phrase ("in Aleppo"): a place, not an actor
}

// SentenceTokens returns the tokens of sentence i.
func (d *Doc) SentenceTokens(i int) []Token {
	s := d.Sentences[i]
	return d.Tokens[s.First:s.Last]
}

// SentenceAt returns the index of the sentence holding byte offset off, or -1.
func (d *Doc) SentenceAt(off int) int {
	lo, hi := 0, len(d.Sentences)
	for lo < hi {
		m := (lo + hi) / 2
		switch s := d.Sentences[m]; {
		case off < s.Start:
			hi = m
		case off >= s.End:
			lo = m + 1
		default:
			return m
		}
	}
	return -1
}

// Actor is a person, group, organisation or state that does or suffers
// something, coded CAMEO-style: Code joins a country (ISO 3166-1 alpha-3)
// and a role ("SYRMIL": Syria's military), or names an international or
// non-state actor ("IGOUNO", "IMGISL"). Name is the dictionary's name for a
// known individual or group.
type Actor struct {
	Text    string  `json:"text"`
	Code    string  `json:"code"`
	Country *string `json:"country"`
	Role    *string `json:"role"`
	Name    *string `json:"name"`
	Start   int     `json:"start"`
	End     int     `json:"end"`
}

// Place is a located geographic entity. Precision says how exactly Lat and
// Lon locate what the text named, as ACLED and UCDP grade it: a whole
// country, a first-level division, a city, a district of a city, or a point.
type Place struct {
	Name      string  `json:"name"`
	GeonameID *int64  `json:"geonameid"`
	Lat       float64 `json:"lat"`
	Lon       float64 `json:"lon"`
	Country   string  `json:"country"`
	Admin1    *string `json:"admin1"`
	Feature   string  `json:"feature"`
	Precision string  `json:"precision"`
	// Via, on the place of an event or casualty, is the words it was read
	// from ("ALEPPO", "the Syrian capital"); empty when it came from the
	// dateline or a parent count. (A PlaceMention has its own text.)
	Via string `json:"via,omitempty"`
}

// PlaceMention is a Place as named at one span of the text. Role says how
// the text uses it: "location" (where something is or happens: "in
// Aleppo"), "actor" (a country or capital standing for its government:
// "Malaysia has decided") or "demonym" (an adjective or people's name, or a
// country's name used as one: "Turkish police", "US officials"). Only
// locations place events and casualties; records from before roles have
// none, which reads as "location".
type PlaceMention struct {
	Place
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Role  string `json:"role,omitempty"`
}

// Place roles.
const (
	RoleLocation = "location"
	RoleActor    = "actor"
	RoleDemonym  = "demonym"
)

// Time is a resolved temporal expression: Value in TIMEX3 style ("2016-10-03",
// "2016-09", "P15D"), the calendar period it covers, and how precisely that
// period is known.
type Time struct {
	Value     string `json:"value"`
	StartDate Date   `json:"start_date"`
	EndDate   Date   `json:"end_date"`
	Precision string `json:"precision"`
	Text      string `json:"text"`
}

// TimeMention is a Time as written at one span of the text.
type TimeMention struct {
	Time
	Start int `json:"start"`
	End   int `json:"end"`
}

// Evidence is the text that produced a coded record and the dictionary
// pattern that matched it, so every record can be traced to its source.
type Evidence struct {
	Text    string `json:"text"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Pattern string `json:"pattern"`
}

// Modality says how a report presents an event.
const (
	Asserted     = "asserted"
	Claimed      = "claimed"
	Denied       = "denied"
	Intended     = "intended"
	Conditional  = "conditional"
	Hypothetical = "hypothetical"
)

// Event is one coded interaction: Source did the CAMEO action to Target, as
// told by one sentence. Root is the two-digit CAMEO root of Cameo, Quad its
// QuadClass (1 verbal cooperation, 2 material cooperation, 3 verbal
// conflict, 4 material conflict) and Goldstein its value on the Goldstein
// scale (-10 to +10). Claimant is who asserts the event when the article
// reports a claim rather than a fact.
type Event struct {
	ID        string   `json:"id"`
	Sentence  int      `json:"sentence"`
	Source    *Actor   `json:"source"`
	Target    *Actor   `json:"target"`
	Cameo     string   `json:"cameo"`
	Root      string   `json:"root"`
	Quad      int      `json:"quad"`
	Goldstein float64  `json:"goldstein"`
	Plover    string   `json:"plover"`
	Modality  string   `json:"modality"`
	Claimant  *Actor   `json:"claimant"`
	Date      *Time    `json:"date"`
	Place     *Place   `json:"place"`
	Evidence  Evidence `json:"evidence"`
}

// Count is a number of people as reported: the best estimate and the range
// the wording allows. High is nil when the wording sets no upper bound
// ("at least 20" is best 20, low 20, high null).
type Count struct {
	Best int  `json:"best"`
	Low  int  `json:"low"`
	High *int `json:"high"`
}

// Casualty is a counted human outcome (killed, wounded, missing, detained,
// displaced, besieged, ...) with who suffered it, who caused it, how, where,
// when, and who reported it. PartOf is the index in Record.Casualties of the
// larger count this one is a subset of ("including 10 children").
type Casualty struct {
	Kind        string  `json:"kind"`
	Count       Count   `json:"count"`
	Victims     *Actor  `json:"victims"`
	Perpetrator *Actor  `json:"perpetrator"`
	Cause       *string `json:"cause"`
	Place       *Place  `json:"place"`
	Date        *Time   `json:"date"`
	ReportedBy  *Actor  `json:"reported_by"`
	PartOf      *int    `json:"part_of"`
	Background  bool    `json:"background,omitempty"`
	Sentence    int     `json:"sentence"`
	Text        string  `json:"text"`
}

// Claim is reported speech: who says it, the words that report it ("said",
// "according to"), and what is said, quoted (Direct) or not. Modality is
// claimed, or denied for denials ("denied that ...").
//
// A quotation interrupted by its attribution (“We will stay,” he said,
// “whatever it costs.”) is one claim: Content spans it whole, and Parts
// holds the quoted pieces. SpeakerMention is the words that name the
// speaker where they are not the Speaker's own text: a pronoun ("he said")
// whose antecedent is Speaker.
type Claim struct {
	Sentence       int    `json:"sentence"`
	Speaker        *Actor `json:"speaker"`
	Cue            Span   `json:"cue"`
	Content        Span   `json:"content"`
	Direct         bool   `json:"direct"`
	Modality       string `json:"modality"`
	Parts          []Span `json:"parts,omitempty"`
	SpeakerMention *Span  `json:"speaker_mention,omitempty"`
}

// Quote is a direct quotation and who said it. A quotation interrupted by
// its attribution is one quote: Text, Start and End span it whole and
// Parts holds the quoted pieces. SpeakerMention is as in Claim.
type Quote struct {
	Text           string `json:"text"`
	Start          int    `json:"start"`
	End            int    `json:"end"`
	Sentence       int    `json:"sentence"`
	Speaker        *Actor `json:"speaker"`
	Parts          []Span `json:"parts,omitempty"`
	SpeakerMention *Span  `json:"speaker_mention,omitempty"`
}

// Record is everything sitrep extracted from one article: the contract that
// `sitrep code` prints as one JSON line per article and that stores keep.
// Lists are never null, so tools can iterate them without checks.
type Record struct {
	Contract   int            `json:"contract"`
	Article    Article        `json:"article"`
	Sentences  []Sentence     `json:"sentences"`
	Events     []Event        `json:"events"`
	Casualties []Casualty     `json:"casualties"`
	Quotes     []Quote        `json:"quotes"`
	Claims     []Claim        `json:"claims"`
	Places     []PlaceMention `json:"places"`
	Times      []TimeMention  `json:"times"`
	// Tokens is filled only when asked for (`sitrep code --tokens`).
	Tokens []Token `json:"tokens,omitempty"`
}

// NewRecord returns an empty record for a, with every list non-nil.
func NewRecord(a Article) Record {
	return Record{
		Contract:   ContractVersion,
		Article:    a,
		Sentences:  []Sentence{},
		Events:     []Event{},
		Casualties: []Casualty{},
		Quotes:     []Quote{},
		Claims:     []Claim{},
		Places:     []PlaceMention{},
		Times:      []TimeMention{},
	}
}

// Analyzer is the text layer: it splits an article into sentences and
// tokens, and tags and lemmatizes them. It is safe for concurrent use.
type Analyzer interface {
	Analyze(a *Article) *Doc
}

// Annotator finds spans of one kind (actors, places, times, quotes, ...) in
// a Doc and appends them to it. It is safe for concurrent use on different
// Docs.
type Annotator interface {
	Annotate(d *Doc)
}

// Coder reads a Doc's spans and writes records (events, casualties, claims)
// into r. It is safe for concurrent use on different Docs.
type Coder interface {
	Code(d *Doc, r *Record)
}

// PutResult says what storing one record did.
type PutResult int

const (
	// Stored means the article was new and its record was written.
	Stored PutResult = iota
	// Unchanged means the article (same URL or same text hash) was already
	// stored; nothing was written.
	Unchanged
)

func (p PutResult) String() string {
	if p == Stored {
		return "stored"
	}
	return "unchanged"
}

// Filter selects stored events or articles. Zero fields select everything.
type Filter struct {
	From, To Date   // publication or event day range, inclusive
	Actor    string // actor code, matched as a prefix ("SYR" matches "SYRMIL")
	Country  string // ISO3 country of either actor or of the place
	Cameo    string // CAMEO code, or a two-digit root
	Query    string // full-text search over the article text
	Quad     int    // QuadClass 1-4; 0 for any
	Modality string // event modality (Asserted, Claimed, ...)
	Outlet   string // news source of the article, exact
	Place    string // place name of the event (or casualty), exact
	// Sort orders lists: a column name ("day", "goldstein", "mentions",
	// "published", "ingested"), descending with a leading "-". Empty keeps
	// each list's default order.
	Sort   string
	Limit  int // at most this many; 0 means no limit
	Offset int
	// After continues a list after the row whose Cursor it is (keyset
	// paging: the store seeks to the row instead of counting Offset rows
	// from the start). The sort must be the one the cursor was made in.
	// Event lists take it.
	After string
}

// StoredArticle is an article as the store lists it, with how much was coded
// from it.
type StoredArticle struct {
	Article
	Ingested   time.Time `json:"ingested"`
	Events     int       `json:"events"`
	Casualties int       `json:"casualties"`
	Quotes     int       `json:"quotes"`
}

// StoredEvent is an event as the store lists it: the event with the article
// it came from.
type StoredEvent struct {
	Event
	ArticleID string `json:"article_id"`
	URL       string `json:"url"`
	Published Date   `json:"published"`
	Title     string `json:"title"`
	Outlet    string `json:"outlet"`  // the article's news source
	Cluster   int64  `json:"cluster"` // the merged event it belongs to; 0 for none
	// Context is the sentence the event came from, where asked for.
	Context *Sentence `json:"context,omitempty"`
	// Cursor is the event's place in the list it was read in, for
	// Filter.After: an opaque string.
	Cursor string `json:"-"`
}

// ErrNotFound is returned by a Store for an id it does not hold.
var ErrNotFound = errors.New("not found")

// ErrBadQuery wraps a Store's errors about the query it was asked (an
// unknown sort, group or field, search text without words), as opposed to
// failures of the store itself.
var ErrBadQuery = errors.New("bad query")

// Facet is how many events have one value of a field.
type Facet struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// PlaceCount is a place with how many events happened there and how many
// people were reported killed there (reports of one day counted once).
type PlaceCount struct {
	Name      string  `json:"name"`
	Country   string  `json:"country"`
	Lat       float64 `json:"lat"`
	Lon       float64 `json:"lon"`
	Precision string  `json:"precision"`
	Events    int     `json:"events"`
	Killed    int     `json:"killed"`
}

// Incident is a counted human outcome of one kind at one place on one day,
// as several reports tell it: the figures kept across them (the highest
// best, the lowest low, the highest high; never their sum) and each
// report's own figures with who gave them.
type Incident struct {
	Kind    string           `json:"kind"`
	Day     Date             `json:"day"`
	Country string           `json:"country"`
	Place   string           `json:"place"`
	Best    int              `json:"best"`
	Low     int              `json:"low"`
	High    int              `json:"high"`
	Reports []IncidentReport `json:"reports"`
}

// IncidentReport is one report's figures for an incident.
type IncidentReport struct {
	ArticleID  string `json:"article_id"`
	Title      string `json:"title"`
	Outlet     string `json:"outlet"`
	ReportedBy *Actor `json:"reported_by"`
	Best       int    `json:"best"`
	Low        int    `json:"low"`
	High       int    `json:"high"`
}

// Stats sums up a store.
type Stats struct {
	Articles int  `json:"articles"`
	Events   int  `json:"events"`
	Clusters int  `json:"clusters"`
	FirstDay Date `json:"first_day"`
	LastDay  Date `json:"last_day"`
}

// Cluster is one real-world event as several reports tell it: the events
// with the same source, target, CAMEO root and country within a few days
// of each other, counted as GDELT counts them (mentions, articles,
// distinct sources).
type Cluster struct {
	ID        int64   `json:"id"`
	Source    string  `json:"source"`
	Target    string  `json:"target"`
	Root      string  `json:"root"`
	Country   string  `json:"country"`
	Start     Date    `json:"start"`
	End       Date    `json:"end"`
	Mentions  int     `json:"mentions"`
	Articles  int     `json:"articles"`
	Sources   int     `json:"sources"`
	Goldstein float64 `json:"goldstein"`
}

// SeriesQuery asks for counts over time: By "day", "week" or "month";
// Group by "country", "actor" (source code), "root", "quad", "place" (for
// fatalities) or "" for one series; Metric "events" (count and mean
// Goldstein, one per mention), "clusters" (merged events, each counted
// once, in the period of its mentions) or "fatalities" (people killed,
// best/low/high).
type SeriesQuery struct {
	By, Group, Metric string
	Filter            Filter
}

// SeriesPoint is one period of one group of a series.
type SeriesPoint struct {
	Period string `json:"period"`
	Group  string `json:"group"`
	Events int    `json:"events,omitempty"`
	// Clusters counts merged events (metric "clusters"): several reports
	// of one event count once.
	Clusters  int     `json:"clusters,omitempty"`
	Goldstein float64 `json:"goldstein,omitempty"`
	Killed    int     `json:"killed,omitempty"`
	KilledLow int     `json:"killed_low,omitempty"`
	// KilledHigh sums the upper bounds; counts without one add their best.
	KilledHigh int `json:"killed_high,omitempty"`
}

// Store keeps records. Put is idempotent: an article already stored (same
// ID, URL or text hash) is left as it is and reported Unchanged. Each record
// is stored whole or not at all, so an ingest killed at any point and run
// again ends with every article stored exactly once. Implementations are
// safe for concurrent use.
type Store interface {
	// Put stores records in one transaction and says what it did with each.
	Put(ctx context.Context, recs []*Record) ([]PutResult, error)
	Articles(ctx context.Context, f Filter) ([]StoredArticle, error)
	Events(ctx context.Context, f Filter) ([]StoredEvent, error)
	// Records calls each with the full stored record of every selected
	// article, in the order they were stored.
	Records(ctx context.Context, f Filter, each func(*Record) error) error
	// Series counts events or fatalities per period and group.
	Series(ctx context.Context, q SeriesQuery) ([]SeriesPoint, error)
	// Count says how many "articles", "events" or "clusters" f selects,
	// ignoring its Limit and Offset.
	Count(ctx context.Context, what string, f Filter) (int, error)
	// CountAtMost is Count stopped at most (0 for no bound): cheap totals
	// for pages of large selections.
	CountAtMost(ctx context.Context, what string, f Filter, most int) (int, error)
	// Record returns the full stored record of one article, or ErrNotFound.
	Record(ctx context.Context, id string) (*Record, error)
	// Clusters lists merged events; Cluster returns one with every mention,
	// each with its sentence as Context (ErrNotFound for an unknown id).
	Clusters(ctx context.Context, f Filter) ([]Cluster, error)
	Cluster(ctx context.Context, id int64) (*Cluster, []StoredEvent, error)
	// Incidents lists casualty figures by incident (kind, place, day) with
	// each report's figures; Sort "-day" (default), "day", "-best" or
	// "-reports".
	Incidents(ctx context.Context, f Filter) ([]Incident, error)
	// Places aggregates the selected events by place, most events first.
	Places(ctx context.Context, f Filter) ([]PlaceCount, error)
	// Facet counts the selected events per value of a field: "country",
	// "actor", "root", "quad", "modality" or "outlet"; most first.
	Facet(ctx context.Context, field string, f Filter) ([]Facet, error)
	Stats(ctx context.Context) (Stats, error)
	// Known reports which of the URLs belong to stored articles, so that a
	// feed follower fetches only new pages.
	Known(ctx context.Context, urls []string) (map[string]bool, error)
	// SetMergeWindow sets how many days apart two reports may date one
	// event and still be merged; 0 merges only the same day.
	SetMergeWindow(days int)
	Close() error
}
