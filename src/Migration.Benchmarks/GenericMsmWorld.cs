using Generic.Iommu;
using Generic.Msm;
using Migration.Drivers.Msm;
using Migration.Hardware;
using Migration.Hardware.Msm;
using Migration.Kernel;

namespace Migration.Benchmarks;

/// <summary>
/// The 3.3+ MSM stack on its own SoC: the shared platform probed, one of the generic-API drivers (<see cref="GenericMsmPath"/>)
/// set on the platform bus, one domain with a context attached.
/// </summary>
internal sealed class GenericMsmWorld
{
    public GenericMsmWorld(bool batched, string ctxName = "vfe_imgwr")
        : this(batched ? GenericMsmPath.Batched : GenericMsmPath.PerPage, ctxName)
    {
    }

    public GenericMsmWorld(GenericMsmPath path, string ctxName = "vfe_imgwr")
    {
        Path = path;
        Soc = Soc.CreateDefault();
        Kmem = new KernelMemory(Soc.Pages);
        Platform = new MsmIommuPlatform(Kmem);
        Platform.ProbeAll(Soc);
        Bus = new BusType("platform");
        IIommuOps ops = path switch
        {
            GenericMsmPath.PerPage => new MsmIommuOps(Platform),
            GenericMsmPath.Batched => new MsmIommuPagesOps(Platform),
            _ => new MsmIommuV7sOps(Platform),
        };
        int ret = Bus.SetIommu(ops);
        if (ret != 0)
            throw new InvalidOperationException($"bus_set_iommu failed: {Errno.Describe(ret)}");
        Ctx = Platform.GetCtx(ctxName) ?? throw new InvalidOperationException($"no context {ctxName}");
        Domain = IommuApi.DomainAlloc(Bus) ?? throw new InvalidOperationException("iommu_domain_alloc failed");
        ret = IommuApi.AttachDevice(Domain, Ctx);
        if (ret != 0)
            throw new InvalidOperationException($"iommu_attach_device failed: {Errno.Describe(ret)}");
        Hardware = ((MsmIommuDrvdata)Ctx.Parent!.DriverData!).Hardware;
        CtxNum = ((MsmIommuCtxDrvdata)Ctx.DriverData!).Num;
    }

    public GenericMsmPath Path { get; }

    public Soc Soc { get; }

    public KernelMemory Kmem { get; }

    public MsmIommuPlatform Platform { get; }

    public BusType Bus { get; }

    public Device Ctx { get; }

    public IommuDomain Domain { get; }

    public MsmIommu Hardware { get; }

    public int CtxNum { get; }

    public int TlbInvalidations => Platform.TlbInvalidations;

    /// <summary>Physical address of the domain's first-level table (the 3.3 priv's, or the v7s io-pgtable's pgd).</summary>
    public uint FlTable => Domain.Priv is MsmV7sPriv v7s ? v7s.Iop!.Pgd : ((MsmPriv)Domain.Priv!).PageTable.FlTable;

    /// <summary>
    /// True when nothing translates: the first-level table is empty (3.3 frees emptied tables), or on v7s holds only
    /// pointers to all-zero level-2 tables, which small unmaps leave in place (v7s.md §4.3).
    /// </summary>
    public bool NothingMapped
    {
        get
        {
            if (Path != GenericMsmPath.V7s)
                return StateFingerprint.AllZero(Soc.Memory, FlTable, MsmPageTableFormat.NUM_FL_PTE);
            for (uint i = 0; i < MsmPageTableFormat.NUM_FL_PTE; i++)
            {
                uint fl = Soc.Memory.ReadWord(FlTable + (i << 2));
                if (fl != 0 && ((fl & 3) != 1 || Soc.Memory.AnyNonZero(fl & 0xFFFFFC00, MsmPageTableFormat.NUM_SL_PTE)))
                    return false;
            }
            return true;
        }
    }

    public string Fingerprint() => StateFingerprint.Of(
        ("fl", StateFingerprint.Words(Soc.Memory, FlTable, MsmPageTableFormat.NUM_FL_PTE)),
        ("pages", Soc.Pages.AllocatedPages),
        ("l2", Domain.Priv is MsmV7sPriv v7s ? v7s.Iop!.L2Cache.LiveObjects : 0),
        ("undefined", Domain.Priv is MsmPriv priv ? priv.PageTable.UndefinedWrites : 0));
}
