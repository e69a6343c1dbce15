using Generic.Iommu;
using Generic.Msm;
using Migration.Hardware;
using Migration.Kernel;

namespace Generic.MsmCamera;

/// <summary>
/// The Linux 3.3 world the ported camera client runs in: the SoC, the kernel memory, the platform bus with the
/// 3.3 MSM driver (bus_set_iommu), one iommu_domain_alloc(bus) per domain the client uses (VIDEO, CAMERA), the
/// IOVA partitions of the 8960 board on <see cref="IovaAllocator"/> (msm.md §7.3), the dummy page the 2X padding
/// aliases, and the board's IMEM placement. The context attach is left to the board code (<see cref="MsmCameraBoard"/>).
/// </summary>
public sealed class MsmCameraPlatform
{
    /// <summary>sizeof(iommu_dummy): the legacy <c>static char iommu_dummy[2*SZ_64K-4]</c> (msm.md §7.5), kept by the port.</summary>
    public const uint IOMMU_DUMMY_SIZE = 2 * 0x10000 - 4;

    /// <summary>Physical address of the IMEM ping buffer (model choice, as in the legacy world: msm.md gives none).</summary>
    public const uint DefaultImemPingPhys = 0x2E000000;

    /// <summary>IMEM_Y_SIZE (model choice, as in the legacy world).</summary>
    public const uint DefaultImemYSize = 0x1800;

    /// <summary>IMEM_CBCR_SIZE (model choice, as in the legacy world).</summary>
    public const uint DefaultImemCbcrSize = 0x0C00;

    private const uint SZ_128K = 0x00020000;
    private const uint SZ_16M = 0x01000000;
    private const uint SZ_256M = 0x10000000;
    private const uint SZ_2G = 0x80000000;

    private readonly List<string> _log = new();

    /// <summary>
    /// Boots the 3.3 stack on <paramref name="soc"/>: the MSM driver on the platform bus, the dummy buffer (first,
    /// as iommu_domains.c does, so that it lands on the same physical page as in the legacy world), the VIDEO
    /// then CAMERA domains (legacy order, so their first-level tables also land where the legacy ones do) and the
    /// partitions. Throws when a boot allocation fails (the kernel cannot continue either).
    /// </summary>
    public MsmCameraPlatform(Soc soc, KernelMemory kernelMemory)
    {
        ArgumentNullException.ThrowIfNull(soc);
        ArgumentNullException.ThrowIfNull(kernelMemory);
        Soc = soc;
        KernelMemory = kernelMemory;
        Bus = new BusType("platform");
        Msm = MsmIommuDriver.Register(soc, kernelMemory, Bus);
        IommuDummy = kernelMemory.Kmalloc(IOMMU_DUMMY_SIZE);
        if (IommuDummy == 0)
            throw new InvalidOperationException("msm camera: no memory for the dummy buffer at boot");
        VideoDomain = IommuApi.DomainAlloc(Bus) ?? throw new InvalidOperationException("msm camera: iommu_domain_alloc(VIDEO) failed at boot");
        CameraDomain = IommuApi.DomainAlloc(Bus) ?? throw new InvalidOperationException("msm camera: iommu_domain_alloc(CAMERA) failed at boot");
        CameraGenPool = new MsmCameraIovaPool(SZ_128K, SZ_2G - SZ_128K);
        VideoFirmwarePool = new MsmCameraIovaPool(SZ_128K, SZ_16M - SZ_128K);
        VideoMainPool = new MsmCameraIovaPool(SZ_16M, SZ_256M - SZ_16M);
        VideoGenPool = new MsmCameraIovaPool(SZ_256M, SZ_2G - SZ_256M);
    }

    /// <summary>The simulated SoC (physical memory, page allocator, MSM IOMMU instances).</summary>
    public Soc Soc { get; }

    /// <summary>The kernel memory services (kmalloc, ioremap) of the booted kernel.</summary>
    public KernelMemory KernelMemory { get; }

    /// <summary>platform_bus_type, carrying msm_iommu_ops.</summary>
    public BusType Bus { get; }

    /// <summary>The 3.3 MSM IOMMU driver (msm_iommu_get_ctx, the context devices).</summary>
    public MsmIommuDriver Msm { get; }

    /// <summary>The VIDEO domain: iommu_domain_alloc(&amp;platform_bus_type).</summary>
    public IommuDomain VideoDomain { get; }

    /// <summary>The CAMERA domain: iommu_domain_alloc(&amp;platform_bus_type).</summary>
    public IommuDomain CameraDomain { get; }

    /// <summary>CAMERA GEN_POOL: [0x00020000, 0x80000000) (msm.md §7.3).</summary>
    public MsmCameraIovaPool CameraGenPool { get; }

    /// <summary>VIDEO VIDEO_FIRMWARE_POOL: [0x00020000, 0x01000000).</summary>
    public MsmCameraIovaPool VideoFirmwarePool { get; }

    /// <summary>VIDEO VIDEO_MAIN_POOL: [0x01000000, 0x10000000).</summary>
    public MsmCameraIovaPool VideoMainPool { get; }

    /// <summary>VIDEO GEN_POOL: [0x10000000, 0x80000000) (configured as the board has it; the client never allocates from it).</summary>
    public MsmCameraIovaPool VideoGenPool { get; }

    /// <summary>Kernel virtual address of the dummy buffer the 2X padding maps.</summary>
    public uint IommuDummy { get; }

    /// <summary>Physical address of the dummy buffer (page aligned: it comes from kmalloc's page allocator).</summary>
    public uint IommuDummyPhys => KernelMemory.VirtToPhys(IommuDummy);

    /// <summary>IMEM_Y_PING_OFFSET: physical address of the ping IMEM buffer.</summary>
    public uint ImemPingPhys { get; init; } = DefaultImemPingPhys;

    /// <summary>IMEM_Y_PONG_OFFSET: physical address of the pong IMEM buffer (page aligned by default, model choice).</summary>
    public uint ImemPongPhys { get; init; } = DefaultImemPingPhys + RoundUp4K(DefaultImemYSize + DefaultImemCbcrSize);

    /// <summary>IMEM_Y_SIZE.</summary>
    public uint ImemYSize { get; init; } = DefaultImemYSize;

    /// <summary>IMEM_CBCR_SIZE.</summary>
    public uint ImemCbcrSize { get; init; } = DefaultImemCbcrSize;

    /// <summary>The size mapped per IMEM buffer: (IMEM_Y_SIZE + IMEM_CBCR_SIZE + 4095) &amp; ~4095 (msm_isp_open).</summary>
    public uint ImemMapSize => RoundUp4K(ImemYSize + ImemCbcrSize);

    /// <summary>
    /// How a shared-space mapping's generic prot becomes this driver's cache slot when the camera joins a space
    /// (<see cref="MsmCameraProt.ForShared"/>; a known-bad port replaces it).
    /// </summary>
    public Func<int, int> SharedProt { get; init; } = MsmCameraProt.ForShared;

    /// <summary>True once the board code attached the camera and video contexts.</summary>
    public bool BoardAttached { get; internal set; }

    /// <summary>pr_err / WARN messages of the board code and the client, oldest first.</summary>
    public IReadOnlyList<string> Log => _log;

    internal void AddLog(string message) => _log.Add(message);

    private static uint RoundUp4K(uint bytes) => unchecked((bytes + 0xFFF) & ~0xFFFu);
}
