namespace Generic.Iommu;

/// <summary>
/// How <see cref="IovaAllocator"/> chooses among the free gaps of its address range when the
/// per-size cache cannot serve a request. Both policies search bottom-up (lowest address first),
/// unlike the kernel's top-down __alloc_and_insert_iova_range, so results are easy to predict.
/// </summary>
public enum IovaFitPolicy
{
    /// <summary>The lowest-addressed gap that can hold the aligned request.</summary>
    FirstFit,

    /// <summary>The smallest gap (whole gap length) that can hold the aligned request; ties go to the lowest address.</summary>
    BestFit,
}
