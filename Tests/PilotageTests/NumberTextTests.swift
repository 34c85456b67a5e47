import Foundation
import Testing
@testable import Pilotage

/// The export's fast number writer against the reference (`printf`'s exact rounding).
@Suite("Numbers of the export: the fast path writes what printf writes")
struct NumberTextTests {
    func fast(_ v: Double, comma: Bool = false) -> String {
        var out: [UInt8] = []
        NumberText.appendDecimal(v, decimalMark: comma ? 44 : 46, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test("ratios, shares, means, amounts and edge values, byte for byte")
    func sameAsPrintf() {
        var values: [Double] = [0, -0.0, 1, -1, 0.5, 0.25, 0.125, 1.0 / 3, 2.0 / 3, -2.0 / 3, 9.9999999999995,
                                0.99999999999995, 1e-7, 1.5e-12, 123456789012.5, 999999999999.5, 1e14 + 0.5, 1e15,
                                1e16 + 2, .infinity, -.infinity, .nan, 0.1, 0.2, 0.3, 1.0000000000005, 2.675, 1.005,
                                0.0001220703125, 5e-324, .greatestFiniteMagnitude]
        // Every quotient of two small counts (the ratios), of sums by counts (the means, the euros per person).
        for n in 0...300 { for d in 1...60 { values.append(Double(n) / Double(d)) } }
        for n in stride(from: 1, through: 2_000_000, by: 7919) { values += [Double(n) / 37.0, Double(n) * 1.17] }
        // Dyadic values: exact in binary, so that v × 10^d can fall exactly on a half.
        for k in 1...4096 { values.append(Double(k) / 8192); values.append(Double(k) / 1024 + 100) }
        var random = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let e = Double.random(in: -8...14, using: &random)
            values.append(Foundation.pow(10, e) * (Bool.random(using: &random) ? 1 : -1))
        }
        var mismatches: [String] = []
        for v in values where fast(v) != NumberText.decimal(v) {
            mismatches.append("\(v): \(fast(v)) ≠ \(NumberText.decimal(v))")
        }
        let count = mismatches.count, firstOnes = mismatches.prefix(5).joined(separator: "; ")
        #expect(count == 0, "\(firstOnes)")
        #expect(fast(2.0 / 3, comma: true) == "0,666666666667")
        #expect(fast(-12.5, comma: true) == "-12,5" && fast(3, comma: true) == "3")
    }
}
