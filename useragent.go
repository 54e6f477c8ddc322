package sitrep

// UserAgent is the User-Agent of every HTTP request sitrep makes (feeds,
// pages, robots.txt), and the name robots.txt rules are matched against
// (its first word).
const UserAgent = "sitrep/1 (+https://github.com/sitrep)"
