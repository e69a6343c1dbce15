using Generic.Iommu;
using Generic.Omap;
using Migration.Drivers.Omap;

namespace Migration.Scenarios.KnownBad;

/// <summary>
/// `omap-unmap-skips-tlb-flush`: the ported OMAP driver's unmap clears the table entry (iopgtable_clear_entry_core)
/// but skips flush_iotlb_page (omap.md §4.5, §8.6): a page the device used stays in the TLB after the tables drop it.
/// </summary>
public sealed class OmapUnmapSkipsTlbFlushPort : KnownBadPort
{
    /// <inheritdoc />
    public override string Name => "omap-unmap-skips-tlb-flush";

    /// <inheritdoc />
    public override string Breaks => "generic/Generic.Omap omap_iommu_unmap clears the entry without flush_iotlb_page";

    /// <inheritdoc />
    public override IReadOnlyList<string> CaughtBy { get; } = ["random"];

    internal override BusType OmapBus(BusType bus) => DelegatingIommuOps.Install(bus, real => new Ops(real));

    private sealed class Ops(IIommuOps real) : DelegatingIommuOps(real)
    {
        public override uint Unmap(IommuDomain domain, uint iova, uint size)
        {
            OmapIommuDevice? attached = (domain.Priv as OmapIommuDomain)?.IommuDev;
            if (attached is null)
                return Real.Unmap(domain, iova, size); // the real driver's oops
            lock (attached.Instance.PageTableLock)
                return OmapPageTable.ClearEntryCore(attached.Instance, iova); // the injected bug: no OmapTlb.FlushPage
        }
    }
}
