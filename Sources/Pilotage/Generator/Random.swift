/// A small, fast, seedable generator (SplitMix64): the same seed gives the same dataset on
/// every machine.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed &* 0x9E3779B97F4A7C15 ^ 0xD1B54A32D192ED03 }

    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
    mutating func chance(_ p: Double) -> Bool { unit() < p }
    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
    /// Normal (Box-Muller).
    mutating func normal(mean: Double = 0, sd: Double = 1) -> Double {
        let u = max(unit(), 1e-12), v = unit()
        return mean + sd * (-2 * _log(u)).squareRoot() * _cos(2 * Double.pi * v)
    }
    /// Picks an index with the given weights.
    mutating func pick(_ weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        var x = unit() * total
        for (i, w) in weights.enumerated() { x -= w; if x < 0 { return i } }
        return weights.count - 1
    }
}

import Foundation
@inline(__always) func _log(_ x: Double) -> Double { Foundation.log(x) }
@inline(__always) func _cos(_ x: Double) -> Double { Foundation.cos(x) }
