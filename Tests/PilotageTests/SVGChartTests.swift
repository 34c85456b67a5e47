import Foundation
import Testing
@testable import Pilotage

/// The quadrant chart of the matrix: scale, legend, and labels that cover no point.
@Suite("The quadrant chart")
struct SVGChartTests {
    /// 30 points spread as a national matrix spreads (a fixed pseudo-random draw in ±1,6), with
    /// arrows from their previous positions, one highlighted.
    static let points: [SVGChart.QuadrantPoint] = {
        var seed: UInt64 = 42
        func next() -> Double { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return Double(seed >> 11) / Double(1 << 53) * 3.2 - 1.6 }
        return (0..<30).map { k in
            let x = next(), y = next()
            return .init(label: "Mission locale n°\(k)", x: x, y: y, previous: .init(x: x + next() / 4, y: y + next() / 4), highlighted: k == 14)
        }
    }()

    static func numbers(_ s: Substring, _ names: [String]) -> [Double] {
        names.map { n in
            guard let r = s.range(of: " \(n)=\""), let end = s[r.upperBound...].firstIndex(of: "\"") else { return .nan }
            return Double(s[r.upperBound..<end]) ?? .nan
        }
    }

    @Test("no label covers a point or an arrow's start; scale and legend are drawn")
    func labels() {
        let svg = SVGChart.quadrant(title: "Matrice", xLabel: "efficacité", yLabel: "performance", corners: ["a", "b", "c", "d"],
                                    points: Self.points, legend: ["une ML", "son déplacement", "échelle"])
        let lines = svg.split(separator: "\n")
        // Points and arrow starts as drawn (cx, cy; x1, y1 of the arrows).
        var dots: [(Double, Double)] = []
        for l in lines where l.hasPrefix("<circle") && l.contains("<title>Mission") { let n = Self.numbers(l, ["cx", "cy"]); dots.append((n[0], n[1])) }
        for l in lines where l.hasPrefix("<line") && l.contains("marker-end") && !l.contains("x2=\"\(SVGChart.f(80 + 22))\"") {
            let n = Self.numbers(l, ["x1", "y1"]); dots.append((n[0], n[1]))
        }
        #expect(dots.count >= 60)
        var labels = 0
        for l in lines where l.hasPrefix("<text") && l.contains(">Mission locale n°") {
            labels += 1
            let n = Self.numbers(l, ["x", "y", "font-size"]), x = n[0], y = n[1], size = n[2]
            let name = String(l[l.range(of: ">Mission")!.lowerBound...].dropFirst().prefix { $0 != "<" })
            let w = SVGChart.labelWidth(name, fontSize: size)
            let minX = l.contains("text-anchor=\"end\"") ? x - w : l.contains("text-anchor=\"middle\"") ? x - w / 2 : x
            let box = SVGChart.Box(minX: minX, minY: y - size, maxX: minX + w, maxY: y)
            let covered = dots.filter { box.overlaps(SVGChart.Box(center: $0, radius: 4)) }
            #expect(covered.isEmpty, "« \(name) » covers \(covered)")
        }
        #expect(labels == 30)
        #expect(svg.contains(">−1</text>") && svg.contains(">1</text>") && svg.contains(">0</text>") && svg.contains(">une ML</text>") && svg.contains(">échelle</text>"))
    }

    @Test("the first free spot is right above the point; a blocked one is skipped")
    func spot() {
        let free = SVGChart.labelSpot(at: (100, 100), width: 40, height: 9, avoiding: [])
        #expect(free.x == 108 && free.y == 94 && free.anchor == "start")
        let blocked = SVGChart.labelSpot(at: (100, 100), width: 40, height: 9, avoiding: [SVGChart.Box(center: (120, 90), radius: 3)])
        #expect(blocked.anchor == "start" && blocked.y > 100, "right below")
    }
}
