#if Vectorscan
import CVectorscan

/// Per-thread scan space for one ``VectorscanDatabase``.
final class VectorscanScratch {
    let scratch: OpaquePointer

    /// Scratch large enough for every database of `database`.
    init?(for database: VectorscanDatabase) {
        var scratch: OpaquePointer?
        for part in database.databases {
            guard let part else { continue }
            guard hs_alloc_scratch(part, &scratch) == HS_SUCCESS else { return nil }
        }
        guard let scratch else { return nil }
        self.scratch = scratch
    }

    deinit { hs_free_scratch(scratch) }
}
#endif
