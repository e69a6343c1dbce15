using Migration.Hardware.Memory;
using Migration.Hardware.Omap;

namespace Migration.Hardware;

/// <summary>
/// The simulated SoC both worlds run on: one physical address space, one RAM bank with its page
/// allocator, and the IOMMU devices (the OMAP MMUs of omap.md §2.1 by default).
/// </summary>
public sealed class Soc
{
    /// <summary>Default RAM bank base (OMAP SDRC CS0, PHYS_OFFSET).</summary>
    public const uint DefaultRamBase = 0x80000000;

    /// <summary>Default RAM bank size: 256 MiB.</summary>
    public const uint DefaultRamSize = 0x10000000;

    private readonly Dictionary<string, OmapMmu> _omapMmusByName = new(StringComparer.Ordinal);

    /// <summary>Creates a SoC with the given RAM bank and OMAP MMU instances.</summary>
    public Soc(uint ramBase, uint ramSize, IEnumerable<OmapMmuConfig> omapMmus, uint memoryBackground = 0)
    {
        ArgumentNullException.ThrowIfNull(omapMmus);
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
    }

    /// <summary>The default SoC: 256 MiB at 0x80000000 and the ISP, IVA2, Ducati and Tesla MMUs.</summary>
    public static Soc CreateDefault(uint memoryBackground = 0) =>
        new(DefaultRamBase, DefaultRamSize, OmapMmuConfig.Defaults, memoryBackground);

    /// <summary>The physical address space.</summary>
    public PhysicalMemory Memory { get; }

    /// <summary>The page allocator of the RAM bank.</summary>
    public PhysicalPageAllocator Pages { get; }

    /// <summary>OMAP MMU devices in platform-device id order.</summary>
    public IReadOnlyList<OmapMmu> OmapMmus { get; }

    /// <summary>The OMAP MMU named <paramref name="name"/>, or null.</summary>
    public OmapMmu? FindOmapMmu(string name) => _omapMmusByName.GetValueOrDefault(name);
}
