using Migration.Hardware.Memory;
using Migration.Hardware.Omap;

namespace Migration.Equivalence;

/// <summary>The OMAP MMU's hardware walker (omap.md §2.4) over the L1 table at <see cref="Ttb"/>; attributes are the MMU_RAM bits.</summary>
public sealed class OmapTranslationWalker : ITranslationWalker
{
    /// <summary>Walks the table rooted at <paramref name="ttb"/> in <paramref name="memory"/>.</summary>
    public OmapTranslationWalker(PhysicalMemory memory, uint ttb)
    {
        ArgumentNullException.ThrowIfNull(memory);
        Memory = memory;
        Ttb = ttb;
    }

    /// <summary>The memory holding the tables.</summary>
    public PhysicalMemory Memory { get; }

    /// <summary>Physical address of the L1 table.</summary>
    public uint Ttb { get; }

    /// <inheritdoc />
    public bool Walk(uint va, out uint pageBasePa, out uint pageSize, out uint attributes, out uint faultGranule)
    {
        if (OmapTableWalker.Walk(Memory, Ttb, va, out OmapTlbEntry e))
        {
            uint mask = e.TagMask;
            pageBasePa = e.Ram & mask;
            pageSize = ~mask + 1;
            attributes = e.Ram & ~OmapMmuRegisters.MMU_RAM_PADDR_MASK;
            faultGranule = 0;
            return true;
        }
        uint l1 = Memory.ReadWord(OmapTableWalker.L1EntryAddress(Ttb, va));
        pageBasePa = pageSize = attributes = 0;
        faultGranule = (l1 & 3) == 1 ? 0x1000u : 0x100000u;
        return false;
    }
}
