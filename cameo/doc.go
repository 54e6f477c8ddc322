// Package cameo codes events: it holds the CAMEO 1.1b3 codebook (codes,
// Goldstein values, QuadClass, the PLOVER crosswalk), the verb-pattern
// dictionary, and the coder that turns a sentence's actors and verbs into
// dyadic events (source, CAMEO code, target) with modality and claimant.
//
// # Conventions
//
// The coder follows the conventions of CAMEO and of the Phoenix/PETRARCH2
// coders, so that its output compares with GDELT's and PETRARCH2's:
//
//   - A country named as an actor is its bare code: "Israel launched
//     strikes" is ISR, "Syria and Turkey agreed" SYR and TUR. A capital or
//     seat of power ("Moscow said", "the Kremlin"), a government, a leader
//     or a ministry is the government (RUSGOV). A demonym modifying a force
//     or an act ("Russian shelling", "Turkish troops") is the military
//     (RUSMIL, TURMIL); a country's possession ("Turkey's proposal") is its
//     government.
//   - An actor the text names without a country ("government troops",
//     "militants", "a hospital") takes one from its context: armed and
//     political actors that of the other actors of the sentence (a civil
//     war's sides share it), else the country the report is about, else the
//     place the sentence names; civilians and institutions that of the place
//     they are in, else the report's. Unidentified armed forces (---UAF)
//     stay unidentified.
//   - Roles are read from the dependency tree where it has them: a passive's
//     nsubj:pass is the target and its obl:agent the source; with no agent,
//     the author of the attack the victims died in ("killed in the Turkish
//     bombardment") is the source, and without one the source is null: the
//     victims of a killing are never its source. An active verb's subject,
//     or the subject of the verb it completes (xcomp) or is coordinated with
//     (conj), is the source; its object, or an obl introduced by against,
//     on, at, with, to, into or over, the target; a light verb's object
//     passes its own target on ("carried out strikes on Idlib").
//   - One event per source-target pair: coordinated subjects and objects
//     give every pair. Symmetric acts (meeting, negotiating, agreeing,
//     cooperating) by a coordinated subject with no other target give both
//     directions; consulting, telephoning, meeting and negotiating with a
//     named partner (040, 041, 044, 046) give both directions too, and so
//     does fighting between sides ("clashes between X and Y", "troops
//     clashed with gunmen").
//   - A weapon or attack named as the subject or agent of a killing ("a
//     roadside bomb killed four civilians", "killed by a roadside bomb",
//     "killed in Israeli air strikes") gives the precise code (1833, 195)
//     and, with no actor behind it, an event without a source. Victims
//     "killed in clashes" between two sides are not pinned on either.
//   - "X accused Y of V-ing" codes the accusation and, with Y as source
//     and X as claimant, the act accused of; an act threatened ("threatened
//     to strike") is not coded. Condemning or rejecting an act targets
//     whoever did it ("condemned the Russian attacks" targets RUS).
//   - A conflict act (CAMEO roots 17 to 20) with no target phrase is aimed
//     at the place named in its clause, coded as that place's country, as
//     PETRARCH2 does; so is one whose target is a place ("an assault on
//     Mosul" by Turkey targets IRQ). When the source is that country's own
//     force, the target is whoever holds the place: "an assault on
//     rebel-held Aleppo" by Syrian forces targets SYRREB, rebels' attack on
//     a government-held area SYRMIL; with no side named, no target.
//   - A demonym standing alone is its country ("the US accused",
//     "Palestinians were killed": USA, PSE), as Phoenix codes it.
//   - Reported speech: the subject of the saying verb whose ccomp holds the
//     event is its claimant, and the modality is claimed (denied for
//     "deny"); verbs of intention, modals and conditionals make it intended,
//     hypothetical or conditional; negated events are dropped. "X said" is
//     not an event of its own unless Statements is set (CAMEO 010).
//
// Word order stands in where the tree is silent: the coder reads the
// phrases the actor annotator found around the verb, as it did before it
// had a parser.
package cameo
