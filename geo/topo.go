package geo

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/biter777/countries"
)

// topology is the part of a TopoJSON file (world-atlas's countries-50m.json,
// Natural Earth borders) that country centres are computed from.
type topology struct {
	Arcs      [][][2]float64 `json:"arcs"`
	Transform *struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Objects map[string]struct {
		Geometries []struct {
			Type string          `json:"type"`
			ID   any             `json:"id"`
			Arcs json.RawMessage `json:"arcs"`
		} `json:"geometries"`
	} `json:"objects"`
}

// countryCentres reads a TopoJSON file of countries keyed by ISO 3166-1
// numeric id and returns, by ISO3 code, the centre of each country's
// largest piece of land: where geoparsing gazetteers put a country
// (GeoNames places Russia near 60N 100E, the United States in Kansas), far
// from its capital. Countries without an id are left out.
func countryCentres(r io.Reader) (map[string][2]float64, error) {
	var t topology
	if err := json.NewDecoder(r).Decode(&t); err != nil {
		return nil, fmt.Errorf("country borders: %w", err)
	}
	// Decode the arcs: quantized and delta-encoded when transformed.
	arcs := make([][][2]float64, len(t.Arcs))
	for i, a := range t.Arcs {
		pts := make([][2]float64, len(a))
		var x, y float64
		for j, p := range a {
			if t.Transform != nil {
				x, y = x+p[0], y+p[1]
				pts[j] = [2]float64{x*t.Transform.Scale[0] + t.Transform.Translate[0], y*t.Transform.Scale[1] + t.Transform.Translate[1]}
			} else {
				pts[j] = p
			}
		}
		arcs[i] = pts
	}
	ring := func(idx []int) [][2]float64 {
		var out [][2]float64
		for _, k := range idx {
			rev := k < 0
			if rev {
				k = ^k
			}
			if k < 0 || k >= len(arcs) {
				continue
			}
			a := arcs[k]
			for j := range a {
				p := a[j]
				if rev {
					p = a[len(a)-1-j]
				}
				if j == 0 && len(out) > 0 {
					continue // shared with the previous arc's last point
				}
				out = append(out, p)
			}
		}
		return out
	}
	out := map[string][2]float64{}
	areas := map[string]float64{} // several pieces may share an id (Australia, Ashmore and Cartier Islands)
	obj, ok := t.Objects["countries"]
	if !ok {
		return nil, fmt.Errorf("country borders: no \"countries\" object")
	}
	for _, g := range obj.Geometries {
		var num int
		switch id := g.ID.(type) {
		case string:
			num, _ = strconv.Atoi(id)
		case float64:
			num = int(id)
		}
		c := countries.ByNumeric(num)
		if num == 0 || c == countries.Unknown {
			continue
		}
		var polys [][][]int
		switch g.Type {
		case "Polygon":
			var p [][]int
			if err := json.Unmarshal(g.Arcs, &p); err != nil {
				return nil, fmt.Errorf("country borders: %w", err)
			}
			polys = [][][]int{p}
		case "MultiPolygon":
			if err := json.Unmarshal(g.Arcs, &polys); err != nil {
				return nil, fmt.Errorf("country borders: %w", err)
			}
		default:
			continue
		}
		iso := c.Alpha3()
		bestArea := areas[iso]
		var best [2]float64
		found := false
		for _, p := range polys {
			if len(p) == 0 {
				continue
			}
			area, lat, lon := centroid(ring(p[0]))
			if area > bestArea {
				bestArea, best, found = area, [2]float64{lat, lon}, true
			}
		}
		if found {
			out[iso], areas[iso] = best, bestArea
		}
	}
	return out, nil
}

// centroid is the area and area centre of a ring of (lon, lat) points,
// each degree of longitude shrunk by the cosine of the ring's mean latitude.
func centroid(pts [][2]float64) (area, lat, lon float64) {
	if len(pts) < 3 {
		return 0, 0, 0
	}
	// A ring that crosses the antimeridian (Russia's, Fiji's) is made
	// continuous first.
	unwrapped := make([][2]float64, len(pts))
	shift := 0.0
	for i, p := range pts {
		if i > 0 {
			switch d := p[0] + shift - unwrapped[i-1][0]; {
			case d > 180:
				shift -= 360
			case d < -180:
				shift += 360
			}
		}
		unwrapped[i] = [2]float64{p[0] + shift, p[1]}
	}
	pts = unwrapped
	mean := 0.0
	for _, p := range pts {
		mean += p[1]
	}
	k := math.Cos(mean / float64(len(pts)) * math.Pi / 180)
	var a, cx, cy float64
	for i := range pts {
		p, q := pts[i], pts[(i+1)%len(pts)]
		x0, y0, x1, y1 := p[0]*k, p[1], q[0]*k, q[1]
		cr := x0*y1 - x1*y0
		a += cr
		cx += (x0 + x1) * cr
		cy += (y0 + y1) * cr
	}
	if a == 0 {
		return 0, 0, 0
	}
	lon = cx / (3 * a) / k
	for lon > 180 {
		lon -= 360
	}
	for lon < -180 {
		lon += 360
	}
	return math.Abs(a / 2), cy / (3 * a), lon
}
