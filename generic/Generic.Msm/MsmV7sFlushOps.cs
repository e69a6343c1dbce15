using Generic.Iommu;
using Generic.IoPgtable;
using Migration.Drivers.Msm;
using Migration.Hardware.Msm;
using static Migration.Drivers.Msm.MsmRegisterAccess;
using static Migration.Hardware.Msm.MsmIommuRegisters;

namespace Generic.Msm;

/// <summary>
/// msm_iommu_flush_ops (msm_iommu.c, 6.13+; v7s.md §2.2): tlb_flush_all = __flush_iotlb (CTX_TLBIALL per attached
/// context), tlb_flush_walk = __flush_iotlb_walk and tlb_add_page = __flush_iotlb_page, both the TLBIVA loop of
/// __flush_iotlb_range. The cookie is the domain's <see cref="MsmV7sPriv"/>. Like the kernel, the callbacks take no lock:
/// they run under priv->pgtlock from map/unmap, or from sync_map and free_pgtable.
/// </summary>
public sealed class MsmV7sFlushOps : IIommuFlushOps
{
    private readonly MsmIommuPlatform _platform;

    /// <summary>The callbacks for domains of <paramref name="platform"/> (TLB writes are counted in its TlbInvalidations).</summary>
    public MsmV7sFlushOps(MsmIommuPlatform platform)
    {
        ArgumentNullException.ThrowIfNull(platform);
        _platform = platform;
    }

    /// <summary>__flush_iotlb: CTX_TLBIALL on every attached context (clock failure ends the flush silently).</summary>
    public void TlbFlushAll(object? cookie) => _ = MsmDomainOps.FlushIotlb(_platform, Priv(cookie).ListAttached);

    /// <summary>__flush_iotlb_walk: the TLBIVA loop over [iova, iova + size) at granule steps; there is no separate walk-cache invalidate on MSM.</summary>
    public void TlbFlushWalk(uint iova, uint size, uint granule, object? cookie) => FlushRange(iova, size, granule, Priv(cookie));

    /// <summary>
    /// __flush_iotlb_page: one TLBIVA at iova, issued now. msm_iommu_ops.iotlb_sync is NULL (v7s.md §2.2), so the gather
    /// the library passes is never used: every cleared leaf is invalidated immediately, as the kernel does.
    /// </summary>
    public void TlbAddPage(ref IommuIotlbGather gather, uint iova, uint granule, object? cookie) => FlushRange(iova, granule, granule, Priv(cookie));

    /// <summary>
    /// __flush_iotlb_range(iova, size, granule, leaf, priv) (v7s.md §2.2): per attached context, clocks on, then size /
    /// granule writes of TLBIVA = (va &amp; 0xFFFFF000) | CONTEXTIDR.ASID with va advancing by granule. The running va is
    /// not reset between contexts: a second context invalidates [iova + size, iova + 2·size) (V7S-D11). Also msm_iommu_sync_map's body.
    /// </summary>
    public void FlushRange(uint iova, uint size, uint granule, MsmV7sPriv priv)
    {
        ArgumentNullException.ThrowIfNull(priv);
        // The kernel's int counter (do { } while (temp_size -= granule)) never reaches 0 for a size that is not a multiple
        // of granule; callers never pass one. Size 0 (sync_map of an empty iommu_map_sg) would wrap the counter through
        // 2^32 / granule writes; the model issues none (v7s.md §2.2, decision recorded in the README).
        if (size == 0)
            return;
        if (granule == 0 || size % granule != 0)
            throw new InvalidOperationException($"__flush_iotlb_range(0x{iova:x8}, 0x{size:x}, 0x{granule:x}) never terminates");
        foreach (MsmIommuCtxDrvdata ctx in priv.ListAttached)
        {
            MsmIommuDrvdata iommu = MsmDomainOps.InstanceOf(ctx);
            if (iommu.EnableClocks() != 0)
                return;
            MsmIommu hw = iommu.Hardware;
            uint count = size / granule;
            // GET_CONTEXTIDR_ASID is read on every iteration in the kernel; a register read has no side effect and
            // nothing writes CONTEXTIDR under the loop, so one read gives the same writes.
            uint asid = ReadCtx(hw, ctx.Num, CONTEXTIDR) & CONTEXTIDR_ASID_MASK;
            uint tlbiva = CtxOffset(ctx.Num, TLBIVA);
            for (uint i = 0; i < count; i++)
            {
                iova = (iova & TLBI_VA_MASK) | asid;
                hw.Write(tlbiva, iova);
                iova = unchecked(iova + granule);
            }
            _platform.TlbInvalidations += (int)count;
            iommu.DisableClocks();
        }
    }

    private static MsmV7sPriv Priv(object? cookie) =>
        cookie as MsmV7sPriv ?? throw new InvalidOperationException("msm_iommu_flush_ops called without the domain's msm_priv cookie");
}
