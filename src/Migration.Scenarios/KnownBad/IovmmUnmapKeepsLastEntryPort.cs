using Generic.Iommu;
using Generic.Omap;
using Migration.Drivers.Omap;
using Migration.Kernel;

namespace Migration.Scenarios.KnownBad;

/// <summary>
/// `iovmm-unmap-keeps-last-entry`: omap-iovmm 3.3's unmap_iovm_area stops one sg entry short (and does not BUG):
/// omap_iommu_vunmap releases the area but the device can still reach the buffer's last entry.
/// </summary>
public sealed class IovmmUnmapKeepsLastEntryPort : KnownBadPort
{
    /// <inheritdoc />
    public override string Name => "iovmm-unmap-keeps-last-entry";

    /// <inheritdoc />
    public override string Breaks => "generic/Generic.Omap OmapIovmm.Vunmap leaves the last sg entry mapped";

    /// <inheritdoc />
    public override IReadOnlyList<string> CaughtBy { get; } = ["random"];

    // The real omap_iommu_vunmap, then the last entry mapped again as map_iovm_area mapped it: the same entry the
    // short loop would have left behind (the TLB was flushed for it, which a short loop would not do; the tables agree).
    internal override SgTable? OmapIovmmVunmap(IommuDomain domain, Device dev, uint da)
    {
        IovmArea? area = OmapIovmm.FindIovmArea(dev, da & ~0xFFFu);
        SgTable? sgt = OmapIovmm.Vunmap(domain, dev, da);
        if (sgt is null || area is null || area.DaStart != (da & ~0xFFFu))
            return sgt;
        uint lastDa = area.DaStart;
        for (int i = 0; i < sgt.Nents - 1; i++)
            lastDa += sgt.Sgl[i].Offset + sgt.Sgl[i].Length; // sgtable_len's entry size
        Scatterlist last = sgt.Sgl[sgt.Nents - 1];
        _ = IommuApi.Map(domain, lastDa, last.PagePhys, last.Offset + last.Length,
            unchecked((int)(area.Flags & ~IovmFlags.IOVMF_PGSZ_MASK))); // the injected bug
        return sgt;
    }
}
