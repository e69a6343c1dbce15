using Legacy.Iommu;
using Legacy.Msm;
using Migration.Hardware;
using Migration.Kernel;

namespace Legacy.MsmCamera;

/// <summary>
/// The Linux 3.0 CAF world a camera client runs in: the SoC, the kernel memory, the CAF msm-3.0 core
/// (<see cref="IommuCoreFlavor.Caf30"/>), the MSM driver registered with it, iommu_domains.c booted with the
/// 8960 pools (msm.md §7.3) and subsystem_map.c over it, plus the board's IMEM placement. The board-level
/// context attach (iommu_domain_probe) is left to the camera board code (<see cref="MsmCameraBoard"/>).
/// </summary>
public sealed class MsmCameraPlatform
{
    /// <summary>
    /// Physical address of the IMEM ping buffer. msm.md gives no IMEM address: 0x2E000000 (outside the RAM bank,
    /// as on-chip memory is) is a model choice.
    /// </summary>
    public const uint DefaultImemPingPhys = 0x2E000000;

    /// <summary>IMEM_Y_SIZE: bytes of the Y plane of one IMEM buffer (model choice: msm.md gives no size).</summary>
    public const uint DefaultImemYSize = 0x1800;

    /// <summary>IMEM_CBCR_SIZE: bytes of the CbCr plane of one IMEM buffer (model choice).</summary>
    public const uint DefaultImemCbcrSize = 0x0C00;

    private readonly List<string> _log = new();

    /// <summary>
    /// Boots the CAF 3.0 stack on <paramref name="soc"/>: core, MSM driver (probe + register_iommu), the six
    /// board domains with the 8960 pools and no boot-time attach (<see cref="BoardLayout"/>), subsystem_map.c.
    /// </summary>
    public MsmCameraPlatform(Soc soc, KernelMemory kernelMemory)
    {
        ArgumentNullException.ThrowIfNull(soc);
        ArgumentNullException.ThrowIfNull(kernelMemory);
        Soc = soc;
        var core = new IommuCore(IommuCoreFlavor.Caf30);
        MsmIommuDriver msm = MsmIommuDriver.Register(soc, kernelMemory, core);
        Subsystem = new MsmSubsystem(new MsmIommuDomains(core, msm, BoardLayout));
    }

    /// <summary>
    /// Wraps an already booted vendor stack (e.g. iommu_domains.c booted with <see cref="MsmIovaLayout.Msm8960"/>,
    /// whose boot already attached the board contexts) running on <paramref name="soc"/>.
    /// </summary>
    public MsmCameraPlatform(Soc soc, MsmSubsystem subsystem)
    {
        ArgumentNullException.ThrowIfNull(soc);
        ArgumentNullException.ThrowIfNull(subsystem);
        Soc = soc;
        Subsystem = subsystem;
    }

    /// <summary>
    /// The board pdata iommu_domains.c is booted with: the 8960 pools of msm.md §7.3 (VIDEO with its three
    /// partitions, the five others GEN_POOL only) and an empty context table, because the camera board code
    /// attaches its contexts itself when the camera is first opened.
    /// </summary>
    public static MsmIovaLayout BoardLayout { get; } = new(
        [MsmIovaLayout.VideoPools, MsmIovaLayout.GenPoolOnly, MsmIovaLayout.GenPoolOnly,
         MsmIovaLayout.GenPoolOnly, MsmIovaLayout.GenPoolOnly, MsmIovaLayout.GenPoolOnly],
        []);

    /// <summary>The simulated SoC (physical memory, page allocator, MSM IOMMU instances).</summary>
    public Soc Soc { get; }

    /// <summary>The kernel memory services (kmalloc, vmalloc, ioremap) of the booted kernel.</summary>
    public KernelMemory KernelMemory => Domains.KernelMemory;

    /// <summary>The CAF msm-3.0 generic core (drivers/base/iommu.c).</summary>
    public IommuCore Core => Domains.Core;

    /// <summary>The MSM IOMMU driver (msm_iommu_get_ctx, the context devices).</summary>
    public MsmIommuDriver Msm => Domains.Msm;

    /// <summary>arch/arm/mach-msm/iommu_domains.c: board domains, IOVA pools, contig buffers, map_extra.</summary>
    public MsmIommuDomains Domains => Subsystem.Domains;

    /// <summary>arch/arm/mach-msm/subsystem_map.c: msm_subsystem_map_buffer / unmap_buffer.</summary>
    public MsmSubsystem Subsystem { get; }

    /// <summary>virt_to_phys(iommu_dummy): the page every 2X padding page aliases (msm.md §7.5, §9.16).</summary>
    public uint IommuDummyPhys => Domains.IommuDummyPhys;

    /// <summary>IMEM_Y_PING_OFFSET: physical address of the ping IMEM buffer (Y plane, then CbCr).</summary>
    public uint ImemPingPhys { get; init; } = DefaultImemPingPhys;

    /// <summary>
    /// IMEM_Y_PONG_OFFSET: physical address of the pong IMEM buffer. The default places it one rounded buffer
    /// after ping so that it is page aligned (model choice; msm.md is silent on the IMEM layout).
    /// </summary>
    public uint ImemPongPhys { get; init; } = DefaultImemPingPhys + RoundUp4K(DefaultImemYSize + DefaultImemCbcrSize);

    /// <summary>IMEM_Y_SIZE.</summary>
    public uint ImemYSize { get; init; } = DefaultImemYSize;

    /// <summary>IMEM_CBCR_SIZE.</summary>
    public uint ImemCbcrSize { get; init; } = DefaultImemCbcrSize;

    /// <summary>
    /// The size msm_isp_open maps per IMEM buffer: <c>(IMEM_Y_SIZE + IMEM_CBCR_SIZE + 4095) &amp; ~4095</c>
    /// (msm.md §8, msm_isp_open).
    /// </summary>
    public uint ImemMapSize => RoundUp4K(ImemYSize + ImemCbcrSize);

    /// <summary>True once the board code attached the camera and video contexts (iommu_domain_probe ran).</summary>
    public bool BoardAttached { get; internal set; }

    /// <summary>pr_err messages of the camera board code and client, oldest first.</summary>
    public IReadOnlyList<string> Log => _log;

    internal void AddLog(string message) => _log.Add(message);

    private static uint RoundUp4K(uint bytes) => unchecked((bytes + 0xFFF) & ~0xFFFu);
}
