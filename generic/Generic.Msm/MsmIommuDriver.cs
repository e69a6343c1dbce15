using Generic.Iommu;
using Migration.Drivers.Msm;
using Migration.Hardware;
using Migration.Kernel;

namespace Generic.Msm;

/// <summary>
/// The MSM IOMMU driver as of 3.3: the shared platform half plus the byte-sized ops, registered with
/// bus_set_iommu(&amp;platform_bus_type, &amp;msm_iommu_ops) (msm.md §1).
/// </summary>
public sealed class MsmIommuDriver
{
    private MsmIommuDriver(MsmIommuPlatform platform)
    {
        Platform = platform;
        Ops = new MsmIommuOps(platform);
    }

    /// <summary>The platform devices and their driver data (shared with the 3.0 driver).</summary>
    public MsmIommuPlatform Platform { get; }

    /// <summary>msm_iommu_ops.</summary>
    public MsmIommuOps Ops { get; }

    /// <summary>
    /// Boots the 3.3 MSM IOMMU stack on <paramref name="soc"/>: probes the instances and contexts, then
    /// bus_set_iommu on <paramref name="bus"/>; throws when the bus already has an IOMMU driver (-EBUSY at boot).
    /// </summary>
    public static MsmIommuDriver Register(Soc soc, KernelMemory kernelMemory, BusType bus,
        uint cpuPrrr = MsmTexClasses.DefaultPrrr, uint cpuNmrr = MsmTexClasses.DefaultNmrr)
    {
        ArgumentNullException.ThrowIfNull(soc);
        ArgumentNullException.ThrowIfNull(bus);
        var platform = new MsmIommuPlatform(kernelMemory, cpuPrrr, cpuNmrr);
        platform.ProbeAll(soc);
        var driver = new MsmIommuDriver(platform);
        int err = bus.SetIommu(driver.Ops);
        if (err != 0)
            throw new InvalidOperationException($"bus_set_iommu({bus}) for msm_iommu failed: {Errno.Describe(err)}");
        return driver;
    }

    /// <summary>msm_iommu_get_ctx(ctx_name): the context device, or NULL.</summary>
    public Device? GetCtx(string ctxName) => Platform.GetCtx(ctxName);
}
