import Foundation

/// Charts as standalone SVG documents: ranked bars of a line across territories, and time
/// series of a line across years. Self-contained (no script, no external font), so a file
/// opens as it is in any browser and pastes into a note.
///
/// ```swift
/// let bars = dashboard.distribution("R10", within: .region("84"), year: 2016)
///     .map { SVGChart.Bar(label: dashboard.name(of: $0.ml), value: $0.value) }
/// let svg = SVGChart.rankedBars(title: "R10 — 2016", bars: bars, format: { "\($0)" })
/// ```
public enum SVGChart {
    /// One bar of a ranked bar chart.
    public struct Bar: Hashable, Sendable {
        /// What is shown for it.
        public var label: String
        /// The value.
        public var value: Double
        /// Drawn in the accent colour (the ML under discussion, a region, the nation).
        public var highlighted: Bool
        /// Creates a value from its fields.
        public init(label: String, value: Double, highlighted: Bool = false) {
            self.label = label; self.value = value; self.highlighted = highlighted
        }
    }

    /// One line of a time series: a value per year, `nil` where the cell is absent (a gap).
    public struct Series: Hashable, Sendable {
        /// What is shown for it.
        public var label: String
        /// The values, `nil` where absent.
        public var values: [Double?]
        /// Creates a value from its fields.
        public init(label: String, values: [Double?]) { self.label = label; self.values = values }
    }

    static let palette = ["#1f4e9c", "#d9480f", "#2b8a3e", "#862e9c", "#e67700", "#0b7285", "#c2255c", "#5c940d",
                          "#364fc7", "#a61e4d", "#087f5b", "#495057"]

    /// Horizontal bars in the given order, one per row, with their value printed at the end.
    public static func rankedBars(title: String, subtitle: String = "", bars: [Bar], format: (Double) -> String) -> String {
        let labelWidth = min(300, 7 * (bars.map(\.label.count).max() ?? 10) + 16)
        let plotWidth = 460, rowHeight = 22, top = headerHeight(title, subtitle) + 18
        let width = max(labelWidth + plotWidth + 90, titleWidth(title)), height = top + rowHeight * bars.count + 24
        let low = min(0, bars.map(\.value).min() ?? 0), high = max(0, bars.map(\.value).max() ?? 1)
        let span = high - low == 0 ? 1 : high - low
        func x(_ v: Double) -> Double { Double(labelWidth) + Double(plotWidth) * (v - low) / span }
        var s = header(width, height, title, subtitle)
        for tick in ticks(low, high) {
            s += "<line x1=\"\(f(x(tick)))\" y1=\"\(top - 6)\" x2=\"\(f(x(tick)))\" y2=\"\(top + rowHeight * bars.count)\" stroke=\"#e9ecef\"/>\n"
            s += "<text x=\"\(f(x(tick)))\" y=\"\(top - 10)\" font-size=\"10\" fill=\"#868e96\" text-anchor=\"middle\">\(escape(format(tick)))</text>\n"
        }
        for (i, bar) in bars.enumerated() {
            let y = top + i * rowHeight
            let x0 = x(min(0, bar.value)), x1 = x(max(0, bar.value))
            let colour = bar.highlighted ? "#d9480f" : "#1f4e9c"
            s += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 15)\" font-size=\"12\" text-anchor=\"end\"\(bar.highlighted ? " font-weight=\"bold\"" : "")>\(escape(bar.label))</text>\n"
            s += "<rect x=\"\(f(x0))\" y=\"\(y + 4)\" width=\"\(f(max(0.5, x1 - x0)))\" height=\"\(rowHeight - 8)\" fill=\"\(colour)\" rx=\"2\"><title>\(escape(bar.label)) : \(escape(format(bar.value)))</title></rect>\n"
            s += "<text x=\"\(f(x1 + 6))\" y=\"\(y + 15)\" font-size=\"11\" fill=\"#343a40\">\(escape(format(bar.value)))</text>\n"
        }
        return s + "</svg>\n"
    }

    /// Lines across years, one colour per series, with a legend.
    public static func timeSeries(title: String, subtitle: String = "", years: [Int], series: [Series], format: (Double) -> String) -> String {
        let left = 80, plotWidth = 520, plotHeight = 300, top = headerHeight(title, subtitle) + 10
        let legendWidth = min(320, 7 * (series.map(\.label.count).max() ?? 10) + 40)
        let width = max(left + plotWidth + 30 + legendWidth, titleWidth(title)), height = max(top + plotHeight + 50, top + 20 * series.count + 20)
        let all = series.flatMap { $0.values.compactMap { $0 } }
        var low = all.min() ?? 0, high = all.max() ?? 1
        if high == low { low -= 1; high += 1 }
        let pad = (high - low) * 0.08
        low -= pad; high += pad
        if all.allSatisfy({ $0 >= 0 }) { low = max(0, low) }
        func x(_ i: Int) -> Double { Double(left) + (years.count <= 1 ? Double(plotWidth) / 2 : Double(plotWidth) * Double(i) / Double(years.count - 1)) }
        func y(_ v: Double) -> Double { Double(top + plotHeight) - Double(plotHeight) * (v - low) / (high - low) }
        var s = header(width, height, title, subtitle)
        for tick in ticks(low, high) where tick >= low && tick <= high {
            s += "<line x1=\"\(left)\" y1=\"\(f(y(tick)))\" x2=\"\(left + plotWidth)\" y2=\"\(f(y(tick)))\" stroke=\"#e9ecef\"/>\n"
            s += "<text x=\"\(left - 8)\" y=\"\(f(y(tick) + 4))\" font-size=\"10\" fill=\"#868e96\" text-anchor=\"end\">\(escape(format(tick)))</text>\n"
        }
        for (i, year) in years.enumerated() {
            s += "<text x=\"\(f(x(i)))\" y=\"\(top + plotHeight + 18)\" font-size=\"11\" fill=\"#495057\" text-anchor=\"middle\">\(year)</text>\n"
        }
        for (k, serie) in series.enumerated() {
            let colour = palette[k % palette.count]
            // A gap (absent cell) breaks the line: absent is not zero.
            var segments: [[(Int, Double)]] = [[]]
            for (i, v) in serie.values.enumerated() {
                if let v { segments[segments.count - 1].append((i, v)) } else if !segments[segments.count - 1].isEmpty { segments.append([]) }
            }
            for seg in segments where seg.count > 1 {
                let points = seg.map { "\(f(x($0.0))),\(f(y($0.1)))" }.joined(separator: " ")
                s += "<polyline points=\"\(points)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"/>\n"
            }
            for (i, v) in serie.values.enumerated() {
                guard let v else { continue }
                s += "<circle cx=\"\(f(x(i)))\" cy=\"\(f(y(v)))\" r=\"3.5\" fill=\"\(colour)\"><title>\(escape(serie.label)) \(years[i]) : \(escape(format(v)))</title></circle>\n"
            }
            let ly = top + 20 * k
            s += "<rect x=\"\(left + plotWidth + 30)\" y=\"\(ly + 2)\" width=\"12\" height=\"12\" fill=\"\(colour)\" rx=\"2\"/>\n"
            s += "<text x=\"\(left + plotWidth + 48)\" y=\"\(ly + 12)\" font-size=\"12\">\(escape(serie.label))</text>\n"
        }
        return s + "</svg>\n"
    }

    // MARK: helpers

    static func header(_ width: Int, _ height: Int, _ title: String, _ subtitle: String) -> String {
        var s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        s += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" font-family=\"Helvetica, Arial, sans-serif\" fill=\"#212529\">\n"
        s += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
        let lines = wrap(title)
        for (i, line) in lines.enumerated() {
            s += "<text x=\"16\" y=\"\(26 + 20 * i)\" font-size=\"15\" font-weight=\"bold\">\(escape(line))</text>\n"
        }
        if !subtitle.isEmpty { s += "<text x=\"16\" y=\"\(26 + 20 * lines.count)\" font-size=\"12\" fill=\"#495057\">\(escape(subtitle))</text>\n" }
        return s
    }

    /// The height the title (wrapped) and subtitle take.
    static func headerHeight(_ title: String, _ subtitle: String) -> Int { 10 + 20 * wrap(title).count + (subtitle.isEmpty ? 0 : 20) }

    /// Words in lines of at most 80 characters (long official labels).
    static func wrap(_ text: String, _ width: Int = 80) -> [String] {
        var lines: [String] = [], current = ""
        for word in text.split(separator: " ") {
            if !current.isEmpty, current.count + 1 + word.count > width { lines.append(current); current = "" }
            current += (current.isEmpty ? "" : " ") + word
        }
        return lines + (current.isEmpty ? [] : [current])
    }

    /// Room for the title (about 9 px a character at 16 px bold).
    static func titleWidth(_ title: String) -> Int { 32 + (wrap(title).map(\.count).max() ?? 0) * 9 }

    /// About five round tick values covering [low, high].
    static func ticks(_ low: Double, _ high: Double) -> [Double] {
        let span = high - low
        guard span > 0, span.isFinite else { return [low] }
        let raw = span / 5, magnitude = pow(10, (log10(raw)).rounded(.down))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? magnitude * 10
        var t = (low / step).rounded(.up) * step, result: [Double] = []
        while t <= high + step * 1e-9, result.count < 20 { result.append(abs(t) < step * 1e-9 ? 0 : t); t += step }
        return result
    }

    static func f(_ v: Double) -> String { String(format: "%.1f", v) }

    /// XML text escaping.
    public static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}

extension SVGChart {
    /// A point of the quadrant chart, with where it came from and where a scenario would take it.
    /// A position on the chart.
    public struct Position: Hashable, Sendable {
        /// Horizontal position.
        public var x: Double, y: Double
        /// Creates a value from its fields.
        public init(x: Double, y: Double) { self.x = x; self.y = y }
    }

    /// A point of the quadrant chart.
    public struct QuadrantPoint: Hashable, Sendable {
        /// What is shown for it.
        public var label: String
        /// Horizontal position.
        public var x: Double, y: Double
        /// The value of the year before.
        public var previous: Position?
        /// Where a scenario would take it.
        public var scenario: Position?
        /// Drawn in the accent colour.
        public var highlighted: Bool
        /// Creates a value from its fields.
        public init(label: String, x: Double, y: Double, previous: Position? = nil, scenario: Position? = nil, highlighted: Bool = false) {
            self.label = label; self.x = x; self.y = y; self.previous = previous; self.scenario = scenario; self.highlighted = highlighted
        }
    }

    /// Four quadrants split at 0 on both axes; arrows from the previous position; a dashed arrow
    /// to the scenario's position; quadrant names in the corners; a scale on both axes.
    ///
    /// - Parameters:
    ///   - title: the chart's title.
    ///   - subtitle: the line under the title.
    ///   - xLabel: the horizontal axis.
    ///   - yLabel: the vertical axis.
    ///   - corners: the quadrants' names, top right, top left, bottom right, bottom left.
    ///   - points: the points, with their previous and scenario positions.
    ///   - legend: what a point, an arrow and a dashed arrow stand for (the first two or three
    ///     are drawn with their symbol under the chart), then any line of text (the scale's unit).
    public static func quadrant(title: String, subtitle: String = "", xLabel: String, yLabel: String, corners: [String],
                                points: [QuadrantPoint], legend: [String] = []) -> String {
        let size = 520, left = 80, top = headerHeight(title, subtitle) + 20
        let legendHeight = legend.isEmpty ? 0 : 18 * legend.count + 10
        let width = max(left + size + 190, titleWidth(title)), height = top + size + 60 + legendHeight   // room for labels on the right
        var coords = points.flatMap { p in [p.x, p.y] + [p.previous?.x, p.previous?.y, p.scenario?.x, p.scenario?.y].compactMap { $0 } }
        coords.append(1)
        let extent = (coords.map { abs($0) }.max() ?? 1) * 1.1
        func px(_ x: Double) -> Double { Double(left) + Double(size) * (x + extent) / (2 * extent) }
        func py(_ y: Double) -> Double { Double(top) + Double(size) * (extent - y) / (2 * extent) }
        var s = header(width, height, title, subtitle)
        s += "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#868e96\"/></marker>"
        s += "<marker id=\"arrowAccent\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#d9480f\"/></marker></defs>\n"
        // Quadrants: top-right is performant and efficient.
        let fills = ["#e6fcf5", "#fff9db", "#e7f5ff", "#fff5f5"]
        let rects = [(px(0), py(extent), "2"), (px(-extent), py(extent), "1"), (px(0), py(0), "3"), (px(-extent), py(0), "4")]
        for (k, (x, y, _)) in rects.enumerated() {
            s += "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(Double(size) / 2))\" height=\"\(f(Double(size) / 2))\" fill=\"\(fills[k])\"/>\n"
        }
        let cornerPositions = [(px(extent) - 6, py(extent) + 16, "end"), (px(-extent) + 6, py(extent) + 16, "start"),
                               (px(extent) - 6, py(-extent) - 8, "end"), (px(-extent) + 6, py(-extent) - 8, "start")]
        for (k, (x, y, anchor)) in cornerPositions.enumerated() where k < corners.count {
            s += "<text x=\"\(f(x))\" y=\"\(f(y))\" font-size=\"11\" fill=\"#495057\" text-anchor=\"\(anchor)\" font-style=\"italic\">\(escape(corners[k]))</text>\n"
        }
        s += "<line x1=\"\(f(px(-extent)))\" y1=\"\(f(py(0)))\" x2=\"\(f(px(extent)))\" y2=\"\(f(py(0)))\" stroke=\"#adb5bd\"/>\n"
        s += "<line x1=\"\(f(px(0)))\" y1=\"\(f(py(-extent)))\" x2=\"\(f(px(0)))\" y2=\"\(f(py(extent)))\" stroke=\"#adb5bd\"/>\n"
        // The scale: ticks every 1 (every 2 past ±4, every 0,5 within ±1,5) on the bottom and left edges.
        let step = extent > 4 ? 2.0 : extent < 1.5 ? 0.5 : 1.0
        var tick = -(extent / step).rounded(.down) * step
        while tick <= extent {
            let label = (tick < 0 ? "−" : "") + NumberText.decimal(abs(tick)).replacingOccurrences(of: ".", with: ",")
            s += "<line x1=\"\(f(px(tick)))\" y1=\"\(f(py(-extent)))\" x2=\"\(f(px(tick)))\" y2=\"\(f(py(-extent) + 5))\" stroke=\"#868e96\"/>"
            s += "<text x=\"\(f(px(tick)))\" y=\"\(f(py(-extent) + 16))\" font-size=\"9\" fill=\"#495057\" text-anchor=\"middle\">\(label)</text>\n"
            s += "<line x1=\"\(f(px(-extent) - 5))\" y1=\"\(f(py(tick)))\" x2=\"\(f(px(-extent)))\" y2=\"\(f(py(tick)))\" stroke=\"#868e96\"/>"
            s += "<text x=\"\(f(px(-extent) - 8))\" y=\"\(f(py(tick) + 3))\" font-size=\"9\" fill=\"#495057\" text-anchor=\"end\">\(label)</text>\n"
            tick += step
        }
        s += "<text x=\"\(f(px(0)))\" y=\"\(top + size + 34)\" font-size=\"12\" text-anchor=\"middle\">\(escape(xLabel)) →</text>\n"
        s += "<text x=\"\(left - 48)\" y=\"\(f(py(0)))\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 \(left - 48) \(f(py(0))))\">\(escape(yLabel)) →</text>\n"
        // The legend, under the chart: a symbol for the first three entries, text for the others.
        for (k, entry) in legend.enumerated() {
            let y = Double(top + size + 58 + 18 * k), x = Double(left)
            switch k {
            case 0: s += "<circle cx=\"\(f(x + 10))\" cy=\"\(f(y - 4))\" r=\"4\" fill=\"#1f4e9c\"/>"
            case 1: s += "<line x1=\"\(f(x))\" y1=\"\(f(y - 4))\" x2=\"\(f(x + 22))\" y2=\"\(f(y - 4))\" stroke=\"#adb5bd\" marker-end=\"url(#arrow)\"/>"
            case 2: s += "<line x1=\"\(f(x))\" y1=\"\(f(y - 4))\" x2=\"\(f(x + 22))\" y2=\"\(f(y - 4))\" stroke=\"#d9480f\" stroke-width=\"2\" stroke-dasharray=\"5 4\" marker-end=\"url(#arrowAccent)\"/>"
            default: break
            }
            s += "<text x=\"\(f(x + 30))\" y=\"\(f(y))\" font-size=\"11\" fill=\"#495057\">\(escape(entry))</text>\n"
        }
        // Labels are placed where they cover no point and no arrow's start (nor another label),
        // trying eight spots around the point; the highlighted ML first.
        var obstacles: [Box] = points.flatMap { p in
            [Box(center: (px(p.x), py(p.y)), radius: p.highlighted ? 7 : 5)]
                + [p.previous, p.scenario].compactMap { $0 }.map { Box(center: (px($0.x), py($0.y)), radius: 5) }
        }
        var placed: [Int: (x: Double, y: Double, anchor: String)] = [:]
        for k in points.indices.sorted(by: { points[$0].highlighted && !points[$1].highlighted })
        where points[k].highlighted || points.count <= 40 {
            let p = points[k], size = p.highlighted ? 12.0 : 9.0
            let spot = labelSpot(at: (px(p.x), py(p.y)), width: labelWidth(p.label, fontSize: size), height: size, avoiding: obstacles)
            obstacles.append(spot.box)
            placed[k] = (spot.x, spot.y, spot.anchor)
        }
        for k in points.indices.sorted(by: { !points[$0].highlighted && points[$1].highlighted }) {
            let p = points[k]
            let colour = p.highlighted ? "#d9480f" : "#1f4e9c"
            if let q = p.previous {
                s += "<line x1=\"\(f(px(q.x)))\" y1=\"\(f(py(q.y)))\" x2=\"\(f(px(p.x)))\" y2=\"\(f(py(p.y)))\" stroke=\"\(p.highlighted ? "#d9480f" : "#adb5bd")\" stroke-width=\"\(p.highlighted ? 2 : 1)\" marker-end=\"url(#\(p.highlighted ? "arrowAccent" : "arrow"))\"/>\n"
            }
            if let q = p.scenario {
                s += "<line x1=\"\(f(px(p.x)))\" y1=\"\(f(py(p.y)))\" x2=\"\(f(px(q.x)))\" y2=\"\(f(py(q.y)))\" stroke=\"#d9480f\" stroke-width=\"2\" stroke-dasharray=\"5 4\" marker-end=\"url(#arrowAccent)\"/>\n"
                s += "<circle cx=\"\(f(px(q.x)))\" cy=\"\(f(py(q.y)))\" r=\"5\" fill=\"none\" stroke=\"#d9480f\" stroke-width=\"2\"><title>\(escape(p.label)) (scénario)</title></circle>\n"
            }
            s += "<circle cx=\"\(f(px(p.x)))\" cy=\"\(f(py(p.y)))\" r=\"\(p.highlighted ? 6 : 4)\" fill=\"\(colour)\"><title>\(escape(p.label))</title></circle>\n"
            if let at = placed[k] {
                s += "<text x=\"\(f(at.x))\" y=\"\(f(at.y))\" font-size=\"\(p.highlighted ? 12 : 9)\" text-anchor=\"\(at.anchor)\" fill=\"\(p.highlighted ? "#d9480f" : "#495057")\"\(p.highlighted ? " font-weight=\"bold\"" : "")>\(escape(p.label))</text>\n"
            }
        }
        return s + "</svg>\n"
    }

    /// A rectangle on the chart (a label's extent, or a square around a point).
    struct Box {
        var minX: Double, minY: Double, maxX: Double, maxY: Double
        init(minX: Double, minY: Double, maxX: Double, maxY: Double) { self.minX = minX; self.minY = minY; self.maxX = maxX; self.maxY = maxY }
        init(center: (Double, Double), radius: Double) {
            self.init(minX: center.0 - radius, minY: center.1 - radius, maxX: center.0 + radius, maxY: center.1 + radius)
        }
        func overlaps(_ o: Box) -> Bool { minX < o.maxX && o.minX < maxX && minY < o.maxY && o.minY < maxY }
    }

    /// A label's width in a sans-serif font: 0,6 em a character, an upper bound for the names drawn.
    static func labelWidth(_ text: String, fontSize: Double) -> Double { Double(text.count) * fontSize * 0.6 }

    /// Where a label goes next to a point: the first spot whose box covers no obstacle, else the
    /// one covering the fewest. Spots: right above, right below, left above, left below, above,
    /// below, far right, far left, then the four first ones again a line further each time (up
    /// to three lines). `y` is the text's baseline.
    static func labelSpot(at p: (Double, Double), width w: Double, height h: Double, avoiding obstacles: [Box])
        -> (x: Double, y: Double, anchor: String, box: Box) {
        let gap = 8.0
        func spot(_ x: Double, _ baseline: Double, _ anchor: String) -> (x: Double, y: Double, anchor: String, box: Box) {
            let minX = anchor == "end" ? x - w : anchor == "middle" ? x - w / 2 : x
            return (x, baseline, anchor, Box(minX: minX, minY: baseline - h, maxX: minX + w, maxY: baseline + 2))
        }
        var spots = [spot(p.0 + gap, p.1 - 6, "start"), spot(p.0 + gap, p.1 + 6 + h, "start"),
                     spot(p.0 - gap, p.1 - 6, "end"), spot(p.0 - gap, p.1 + 6 + h, "end"),
                     spot(p.0, p.1 - 10, "middle"), spot(p.0, p.1 + 10 + h, "middle"),
                     spot(p.0 + 2 * gap, p.1 + h / 2, "start"), spot(p.0 - 2 * gap, p.1 + h / 2, "end")]
        for line in 1...3 {
            let dy = Double(line) * (h + 3)
            spots += [spot(p.0 + gap, p.1 - 6 - dy, "start"), spot(p.0 + gap, p.1 + 6 + h + dy, "start"),
                      spot(p.0 - gap, p.1 - 6 - dy, "end"), spot(p.0 - gap, p.1 + 6 + h + dy, "end")]
        }
        func hits(_ b: Box) -> Int { obstacles.filter { $0.overlaps(b) }.count }
        return spots.first { hits($0.box) == 0 } ?? spots.min { hits($0.box) < hits($1.box) }!
    }
}
