using Migration.Hardware.Memory;
using Migration.Hardware.Omap;

namespace Migration.Equivalence;

/// <summary>The OMAP MMU's hardware walker (omap.md §2.4); attributes are the MMU_RAM bits (endianness, element size, mixed).</summary>
public sealed class OmapTranslationWalker : ITranslationWalker
{
    /// <summary>Walks tables in <paramref name="memory"/>.</summary>
    public OmapTranslationWalker(PhysicalMemory memory)
    {
        ArgumentNullException.ThrowIfNull(memory);
        Memory = memory;
    }

    /// <summary>The memory holding the tables.</summary>
    public PhysicalMemory Memory { get; }

    /// <inheritdoc />
    public string Format => "omap";

    /// <inheritdoc />
    public bool Walk(uint root, uint va, out PageEntry entry, out uint faultGranule)
    {
        uint l1Address = OmapTableWalker.L1EntryAddress(root, va);
        uint l1 = Memory.ReadWord(l1Address);
        if (OmapTableWalker.Walk(Memory, root, va, out OmapTlbEntry e))
        {
            uint mask = e.TagMask;
            bool second = (l1 & 3) == 1;
            uint address = second ? OmapTableWalker.L2EntryAddress(l1, va) : l1Address;
            entry = new PageEntry(va & mask, ~mask + 1, e.Ram & mask, e.Ram & ~OmapMmuRegisters.MMU_RAM_PADDR_MASK,
                second ? Memory.ReadWord(address) : l1, address, second ? 2 : 1);
            faultGranule = 0;
            return true;
        }
        entry = default;
        faultGranule = (l1 & 3) == 1 ? 0x1000u : 0x100000u;
        return false;
    }

    /// <inheritdoc />
    public bool WalkSecondLevel(uint root, uint va, uint pte, uint pteAddress, out PageEntry entry)
    {
        if (!OmapTableWalker.DecodeSecondLevel(pte, va, out OmapTlbEntry e))
        {
            entry = default;
            return false;
        }
        uint mask = e.TagMask;
        entry = new PageEntry(va & mask, ~mask + 1, e.Ram & mask, e.Ram & ~OmapMmuRegisters.MMU_RAM_PADDR_MASK, pte, pteAddress, 2);
        return true;
    }

    /// <summary>
    /// The OMAP MMU has no permission bits (every mapped page is read/write) and no memory type; its E bit makes the
    /// device see the page big-endian (omap.md §2.3).
    /// </summary>
    public DeviceAccess Access(in PageEntry entry) =>
        new(Writable: true, BigEndian: (entry.Attributes & OmapMmuRegisters.MMU_RAM_ENDIAN_MASK) == OmapMmuRegisters.MMU_RAM_ENDIAN_BIG, Cached: null);

    /// <inheritdoc />
    public uint SecondLevelTable(uint root, uint va)
    {
        uint l1 = Memory.ReadWord(OmapTableWalker.L1EntryAddress(root, va));
        return (l1 & 3) == 1 ? OmapTableWalker.L2EntryAddress(l1, 0) : 0;
    }
}
