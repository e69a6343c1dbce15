using Legacy.Iommu;
using Migration.Drivers.Msm;
using Migration.Hardware;
using Migration.Kernel;

namespace Legacy.Msm;

/// <summary>
/// The MSM IOMMU driver of Linux 3.0 (arch/arm/mach-msm/iommu.c, iommu_dev.c): the shared platform
/// half (<see cref="MsmIommuPlatform"/>: probes, msm_iommu_get_ctx, fault IRQ) plus the 3.0 ops
/// registered with the order-based core through register_iommu from a subsys_initcall.
/// </summary>
public sealed class MsmIommuDriver
{
    private MsmIommuDriver(IommuCore core, MsmIommuPlatform platform)
    {
        Core = core;
        Platform = platform;
        Ops = new MsmIommuOps(platform);
    }

    /// <summary>The order-based core the ops are registered with.</summary>
    public IommuCore Core { get; }

    /// <summary>The platform devices and their driver data (shared with the 3.3 driver).</summary>
    public MsmIommuPlatform Platform { get; }

    /// <summary>Kernel memory services (page allocator for the tables).</summary>
    public KernelMemory KernelMemory => Platform.KernelMemory;

    /// <summary>The CPU's CP15 PRRR, copied into each context on attach.</summary>
    public uint CpuPrrr => Platform.CpuPrrr;

    /// <summary>The CPU's CP15 NMRR.</summary>
    public uint CpuNmrr => Platform.CpuNmrr;

    /// <summary>msm_iommu_tex_class[] computed from the CPU registers at init.</summary>
    public MsmTexClasses TexClasses => Platform.TexClasses;

    /// <summary>The root IOMMU device (id -1).</summary>
    public Device Root => Platform.Root;

    /// <summary>msm_iommu_ops.</summary>
    public MsmIommuOps Ops { get; }

    /// <summary>Probed instances in probe order.</summary>
    public IReadOnlyList<MsmIommuDrvdata> Instances => Platform.Instances;

    /// <summary>What the fault handler printed: (instance, context, FSR, FAR) per faulting context.</summary>
    public List<(string Instance, int Context, uint Fsr, uint Far)> FaultLog => Platform.FaultLog;

    /// <summary>
    /// Boots the 3.0 MSM IOMMU stack on <paramref name="soc"/>: probes every MSM instance and its contexts,
    /// then registers msm_iommu_ops with <paramref name="core"/> (msm_iommu_init, a subsys_initcall).
    /// </summary>
    public static MsmIommuDriver Register(Soc soc, KernelMemory kernelMemory, IommuCore core,
        uint cpuPrrr = MsmTexClasses.DefaultPrrr, uint cpuNmrr = MsmTexClasses.DefaultNmrr)
    {
        ArgumentNullException.ThrowIfNull(soc);
        ArgumentNullException.ThrowIfNull(core);
        var platform = new MsmIommuPlatform(kernelMemory, cpuPrrr, cpuNmrr);
        platform.ProbeAll(soc);
        var driver = new MsmIommuDriver(core, platform);
        core.RegisterIommu(driver.Ops);
        return driver;
    }

    /// <summary>msm_iommu_get_ctx(ctx_name): the context device, or NULL (msm.md §6, §9.20).</summary>
    public Device? GetCtx(string ctxName) => Platform.GetCtx(ctxName);
}
