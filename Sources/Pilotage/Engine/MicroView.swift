/// Raw views on the columns of a ``MicroStore``, for the per-person rules' inner loops (no
/// bounds checks, no reference counting).
///
/// The store's arrays are immutable `let`s of a class that outlives every view (a view is
/// made and used inside one `Dashboard` computation, while the dataset holds the store), so
/// their storage never moves while a view reads it.
struct MicroView: @unchecked Sendable {
    let evDate: UnsafeBufferPointer<Int32>, evKind: UnsafeBufferPointer<UInt8>, evDetail: UnsafeBufferPointer<UInt8>
    let pwBegin: UnsafeBufferPointer<Int32>, pwEnd: UnsafeBufferPointer<Int32>, pwProgram: UnsafeBufferPointer<UInt8>
    let pwOutcome: UnsafeBufferPointer<UInt8>, pwDetail: UnsafeBufferPointer<UInt8>, pwFlags: UnsafeBufferPointer<UInt8>
    let pwID: UnsafeBufferPointer<Int32>
    let stBegin: UnsafeBufferPointer<Int32>, stEnd: UnsafeBufferPointer<Int32>, stKind: UnsafeBufferPointer<UInt8>
    let stDetail: UnsafeBufferPointer<UInt8>, stFlags: UnsafeBufferPointer<UInt8>
    let evStart: UnsafeBufferPointer<Int32>, pwStart: UnsafeBufferPointer<Int32>, stStart: UnsafeBufferPointer<Int32>
    let pwIDs: IDIndex
    let youthML: UnsafeBufferPointer<Int32>, youthSex: UnsafeBufferPointer<UInt8>, youthLevel: UnsafeBufferPointer<UInt8>
    let youthFlags: UnsafeBufferPointer<UInt8>

    init(_ m: MicroStore) {
        func v<T>(_ a: [T]) -> UnsafeBufferPointer<T> { a.withUnsafeBufferPointer { $0 } }
        evDate = v(m.evDate); evKind = v(m.evKind); evDetail = v(m.evDetail)
        pwBegin = v(m.pwBegin); pwEnd = v(m.pwEnd); pwProgram = v(m.pwProgram); pwOutcome = v(m.pwOutcome)
        pwDetail = v(m.pwDetail); pwFlags = v(m.pwFlags); pwID = v(m.pwID)
        stBegin = v(m.stBegin); stEnd = v(m.stEnd); stKind = v(m.stKind); stDetail = v(m.stDetail); stFlags = v(m.stFlags)
        evStart = v(m.evStart); pwStart = v(m.pwStart); stStart = v(m.stStart)
        pwIDs = m.pwIDs
        youthML = v(m.youthML); youthSex = v(m.youthSex); youthLevel = v(m.youthLevel); youthFlags = v(m.youthFlags)
    }
}
