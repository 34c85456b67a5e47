/// Office files for Pilotage: OpenDocument text documents and spreadsheets (.xlsx written with
/// libxlsxwriter; .xlsx and .ods read), kept out of the SDK so that an embedder of `Pilotage`
/// needs neither a zip library nor libxlsxwriter.
@_exported import Pilotage
