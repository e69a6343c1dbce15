using Migration.Hardware.Memory;
using Migration.Hardware.Msm;
using Migration.Hardware.Omap;

namespace Migration.Hardware;

/// <summary>
/// The simulated SoC both worlds run on: one physical address space, one RAM bank with its page
/// allocator, and the IOMMU devices (by default the OMAP MMUs of omap.md §2.1 and the MSM 8x60
/// IOMMU instances of msm.md §2.1; the two families share the one memory).
/// </summary>
public sealed class Soc
{
    /// <summary>Default RAM bank base (OMAP SDRC CS0, PHYS_OFFSET).</summary>
    public const uint DefaultRamBase = 0x80000000;

    /// <summary>Default RAM bank size: 256 MiB.</summary>
    public const uint DefaultRamSize = 0x10000000;

    private readonly Dictionary<string, OmapMmu> _omapMmusByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MsmIommu> _msmIommusByName = new(StringComparer.Ordinal);

    /// <summary>Creates a SoC with the given RAM bank and OMAP MMU instances, and no MSM IOMMU.</summary>
    public Soc(uint ramBase, uint ramSize, IEnumerable<OmapMmuConfig> omapMmus, uint memoryBackground = 0)
        : this(ramBase, ramSize, omapMmus, [], memoryBackground)
    {
    }

    /// <summary>Creates a SoC with the given RAM bank, OMAP MMU instances and MSM IOMMU instances.</summary>
    public Soc(uint ramBase, uint ramSize, IEnumerable<OmapMmuConfig> omapMmus, IEnumerable<MsmIommuConfig> msmIommus, uint memoryBackground = 0)
    {
        ArgumentNullException.ThrowIfNull(omapMmus);
        ArgumentNullException.ThrowIfNull(msmIommus);
        Memory = new PhysicalMemory(memoryBackground);
        Pages = new PhysicalPageAllocator(Memory, ramBase, ramSize);
        var list = new List<OmapMmu>();
        foreach (OmapMmuConfig config in omapMmus)
        {
            var mmu = new OmapMmu(config, Memory);
            if (!_omapMmusByName.TryAdd(config.Name, mmu))
                throw new ArgumentException($"two OMAP MMU instances are named \"{config.Name}\"", nameof(omapMmus));
            list.Add(mmu);
        }
        OmapMmus = list;
        var msmList = new List<MsmIommu>();
        foreach (MsmIommuConfig config in msmIommus)
        {
            var iommu = new MsmIommu(config, Memory);
            if (!_msmIommusByName.TryAdd(config.Name, iommu))
                throw new ArgumentException($"two MSM IOMMU instances are named \"{config.Name}\"", nameof(msmIommus));
            msmList.Add(iommu);
        }
        MsmIommus = msmList;
    }

    /// <summary>
    /// The default SoC: 256 MiB at 0x80000000, the ISP, IVA2, Ducati and Tesla MMUs, and the twelve
    /// MSM 8x60 IOMMU instances (jpegd … gfx2d1).
    /// </summary>
    public static Soc CreateDefault(uint memoryBackground = 0) =>
        new(DefaultRamBase, DefaultRamSize, OmapMmuConfig.Defaults, MsmIommuConfig.Defaults8x60, memoryBackground);

    /// <summary>The physical address space.</summary>
    public PhysicalMemory Memory { get; }

    /// <summary>The page allocator of the RAM bank.</summary>
    public PhysicalPageAllocator Pages { get; }

    /// <summary>OMAP MMU devices in platform-device id order.</summary>
    public IReadOnlyList<OmapMmu> OmapMmus { get; }

    /// <summary>The OMAP MMU named <paramref name="name"/>, or null.</summary>
    public OmapMmu? FindOmapMmu(string name) => _omapMmusByName.GetValueOrDefault(name);

    /// <summary>MSM IOMMU instances in configuration order (msm.md §2.1 table order by default).</summary>
    public IReadOnlyList<MsmIommu> MsmIommus { get; }

    /// <summary>The MSM IOMMU instance named <paramref name="name"/>, or null.</summary>
    public MsmIommu? FindMsmIommu(string name) => _msmIommusByName.GetValueOrDefault(name);
}
