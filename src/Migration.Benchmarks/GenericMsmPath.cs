namespace Migration.Benchmarks;

/// <summary>Which generic-API MSM driver a <see cref="GenericMsmWorld"/> runs.</summary>
internal enum GenericMsmPath
{
    /// <summary>msm_iommu_ops as ported to 3.3: byte-sized map/unmap on the shared 3.3 table code, a TLBIALL per call.</summary>
    PerPage,

    /// <summary>The 3.3 table code behind the 5.x batched ops (map_pages/unmap_pages, one TLBIALL per run or gather).</summary>
    Batched,

    /// <summary>The modern driver on io-pgtable-arm-v7s (Linux 6.13+): map_pages/unmap_pages, TLBIVA per page, sync_map.</summary>
    V7s,
}
