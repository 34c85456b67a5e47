/// A region (INSEE code of the regions in force from 2016).
public struct Region: Hashable, Sendable {
    /// INSEE code (`84`, `11`, `971`).
    public var code: String
    /// The name.
    public var name: String
    /// Creates a value from its fields.
    public init(code: String, name: String) { self.code = code; self.name = name }
}

/// A Mission locale and its identification.
public struct MissionLocale: Hashable, Sendable {
    /// Identifier (unique in a dataset).
    public var id: String
    /// The name.
    public var name: String
    /// The region's code.
    public var regionCode: String
    /// INSEE department code (`69`, `2A`, `974`).
    public var departmentCode: String
    /// Legal form.
    public var legalForm: LegalForm
    /// Identification printed on conventions and amendments (optional columns).
    public var siret: String?
    /// APE code.
    public var ape: String?
    /// Postal address.
    public var address: String?
    /// E-mail.
    public var email: String?
    /// Telephone.
    public var phone: String?

    /// Creates a value from its fields.
    public init(id: String, name: String, regionCode: String, departmentCode: String, legalForm: LegalForm,
                siret: String? = nil, ape: String? = nil, address: String? = nil, email: String? = nil, phone: String? = nil) {
        self.id = id; self.name = name; self.regionCode = regionCode; self.departmentCode = departmentCode
        self.legalForm = legalForm; self.siret = siret; self.ape = ape; self.address = address; self.email = email; self.phone = phone
    }
}

/// Territorial context of an ML for a year (`context.csv`): indicators 0.1 and 0.2.
public struct TerritorialContext: Hashable, Sendable {
    /// The Mission locale's identifier (`ml_id`).
    public var mlID: String
    /// The year.
    public var year: Int
    /// Young people 16-25, active and not employed, on the territory (INSEE "JANO").
    public var jano: Double
    /// Job seekers aged 16-25 at the end of the month (DEFM).
    public var defm: Double
    /// Young people 16-25 not in education, employment or training, when given.
    public var neet: Double?
    /// Creates a value from its fields.
    public init(mlID: String, year: Int, jano: Double, defm: Double, neet: Double? = nil) {
        self.mlID = mlID; self.year = year; self.jano = jano; self.defm = defm; self.neet = neet
    }
}

/// Staff of an ML for a year (`resources.csv`): indicators 9 and 9.1.
public struct StaffResources: Hashable, Sendable {
    /// The Mission locale's identifier (`ml_id`).
    public var mlID: String
    /// The year.
    public var year: Int
    /// Full-time equivalents of the whole structure.
    public var etpTotal: Double
    /// Full-time equivalents dedicated to accompaniment (never above `etpTotal`).
    public var etpAccompaniment: Double
    /// Creates a value from its fields.
    public init(mlID: String, year: Int, etpTotal: Double, etpAccompaniment: Double) {
        self.mlID = mlID; self.year = year; self.etpTotal = etpTotal; self.etpAccompaniment = etpAccompaniment
    }
}

/// One funding line of an ML for a year (`funding.csv`): indicators 10 to 10.1.e.
public struct FundingRow: Hashable, Sendable {
    /// The Mission locale's identifier (`ml_id`).
    public var mlID: String
    /// The year.
    public var year: Int
    /// Who funds.
    public var funder: Funder
    /// The line.
    public var line: FundingLine
    /// Amount in euros, never negative.
    public var amount: Double
    /// Creates a value from its fields.
    public init(mlID: String, year: Int, funder: Funder, line: FundingLine, amount: Double) {
        self.mlID = mlID; self.year = year; self.funder = funder; self.line = line; self.amount = amount
    }
}
