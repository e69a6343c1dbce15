namespace Migration.Hardware.Msm;

/// <summary>
/// One context bank as the board file declares it (struct msm_iommu_ctx_dev; msm.md §2.1): the name
/// msm_iommu_get_ctx matches, the bank number, and the MIDs of the master that use it.
/// </summary>
/// <param name="Name">Context device name ("jpegd_src").</param>
/// <param name="Number">Context bank number inside the instance (num).</param>
/// <param name="Mids">Master IDs routed to this bank (at most 32, the kernel list ends at -1).</param>
public sealed record MsmContextConfig(string Name, int Number, IReadOnlyList<int> Mids)
{
    /// <summary>MAX_NUM_MIDS: the most MIDs one context may list (msm.md §2.1).</summary>
    public const int MaxMids = 32;
}
