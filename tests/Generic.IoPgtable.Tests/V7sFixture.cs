using Generic.Iommu;
using Migration.Hardware.Memory;

namespace Generic.IoPgtable.Tests;

/// <summary>A v7s io-pgtable with the MSM configuration (no quirks, 4K|64K|1M|16M, 32-bit ias/oas) on its own RAM bank.</summary>
internal sealed class V7sFixture
{
    public const uint RamBase = 0x80000000;

    public V7sFixture(uint quirks = 0, int ias = 32, bool coherent = false)
    {
        Memory = new PhysicalMemory();
        Pages = new PhysicalPageAllocator(Memory, RamBase, 0x01000000);
        Cfg = new IoPgtableCfg(Flush) { Quirks = quirks, PgsizeBitmap = 0x01111000, Ias = ias, CoherentWalk = coherent };
        Flush.ExpectedCookie = Cookie;
        Table = ArmV7sPageTable.Alloc(Cfg, Cookie, Pages) ?? throw new InvalidOperationException("alloc_io_pgtable_ops failed");
    }

    public object Cookie { get; } = new();

    public RecordingFlushOps Flush { get; } = new();

    public PhysicalMemory Memory { get; }

    public PhysicalPageAllocator Pages { get; }

    public IoPgtableCfg Cfg { get; }

    public ArmV7sPageTable Table { get; }

    public int Map(uint iova, uint paddr, uint size, int prot) => Table.MapPages(iova, paddr, size, 1, prot, out _);

    public uint Unmap(uint iova, uint size, uint count = 1)
    {
        IommuIotlbGather gather = IommuIotlbGather.Init();
        return Table.UnmapPages(iova, size, count, ref gather);
    }

    public uint L1(uint iova) => Memory.ReadWord(Table.Pgd + ((iova >> 20) << 2));

    public uint L2(uint iova) => Memory.ReadWord((L1(iova) & 0xFFFFFC00) + (((iova >> 12) & 0xFF) << 2));

    /// <summary>Every word of the level-1 table and of each level-2 table it points at.</summary>
    public string Snapshot()
    {
        var parts = new List<string>();
        for (uint i = 0; i < 4096; i++)
        {
            uint pte = Memory.ReadWord(Table.Pgd + (i << 2));
            if (pte == 0)
                continue;
            parts.Add($"{i}:{pte:x8}");
            if ((pte & 3) == 1)
            {
                for (uint j = 0; j < 256; j++)
                    parts.Add($"{i}.{j}:{Memory.ReadWord((pte & 0xFFFFFC00) + (j << 2)):x8}");
            }
        }
        return string.Join(' ', parts);
    }
}
