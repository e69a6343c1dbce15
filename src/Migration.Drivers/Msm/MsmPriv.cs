using Migration.Drivers.Msm;

namespace Migration.Drivers.Msm;

/// <summary>struct msm_priv: a domain's page table and the contexts attached to it (msm.md §4).</summary>
public sealed class MsmPriv
{
    /// <summary>A domain's driver data around <paramref name="pageTable"/>.</summary>
    public MsmPriv(MsmPageTable pageTable, bool redirect)
    {
        PageTable = pageTable;
        Redirect = redirect;
    }

    /// <summary>priv->pgtable and the page-table code that works on it.</summary>
    public MsmPageTable PageTable { get; }

    /// <summary>priv->list_attached, head first (list_add inserts at the head).</summary>
    public List<MsmIommuCtxDrvdata> ListAttached { get; } = new();

    /// <summary>CAF priv->redirect (MSM_IOMMU_DOMAIN_PT_CACHEABLE): table walks through L2.</summary>
    public bool Redirect { get; }
}
