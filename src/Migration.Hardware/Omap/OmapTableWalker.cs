using Migration.Hardware.Memory;

namespace Migration.Hardware.Omap;

/// <summary>
/// The OMAP MMU's hardware table walker (omap.md §2.4): reads the two-level table from physical
/// memory, as the hardware decodes it, and produces the TLB entry it would load. One function per level.
/// </summary>
public static class OmapTableWalker
{
    /// <summary>L1 table alignment the hardware uses for TTB (16 KiB).</summary>
    public const uint TtbAlignMask = 0xFFFFC000;

    private const uint L1TypeMask = 0x40003;
    private const uint L1Table = 0x1;
    private const uint L1Section = 0x2;
    private const uint L1Supersection = 0x40002;
    private const uint L2TableBaseMask = 0xFFFFFC00;
    private const uint L2TypeMask = 0x3;
    private const uint L2Large = 0x1;
    private const uint L2SmallBit = 0x2;

    /// <summary>
    /// Walks the table rooted at <paramref name="ttb"/> for <paramref name="da"/>. True with the entry to
    /// load (CAM with V set, RAM with pa and attributes) when a descriptor maps it; false on a translation fault.
    /// </summary>
    public static bool Walk(PhysicalMemory memory, uint ttb, uint da, out OmapTlbEntry entry)
    {
        ArgumentNullException.ThrowIfNull(memory);
        uint l1 = memory.ReadWord(L1EntryAddress(ttb, da));
        if ((l1 & 3) == L1Table)
            return WalkL2(memory, l1, da, out entry);
        return DecodeL1(l1, da, out entry);
    }

    /// <summary>Physical address of the first-level descriptor for <paramref name="da"/> (da bits 31:20).</summary>
    public static uint L1EntryAddress(uint ttb, uint da) => (ttb & TtbAlignMask) + ((da >> 20) << 2);

    /// <summary>Physical address of the second-level descriptor for <paramref name="da"/> under table entry <paramref name="l1"/>.</summary>
    public static uint L2EntryAddress(uint l1, uint da) => (l1 & L2TableBaseMask) + (((da >> 12) & 0xFF) << 2);

    private static bool DecodeL1(uint l1, uint da, out OmapTlbEntry entry)
    {
        switch (l1 & L1TypeMask)
        {
            case L1Supersection:
                entry = MakeEntry(da, l1, OmapMmuRegisters.MMU_CAM_PGSZ_16M, SectionAttributes(l1));
                return true;
            case L1Section:
                entry = MakeEntry(da, l1, OmapMmuRegisters.MMU_CAM_PGSZ_1M, SectionAttributes(l1));
                return true;
            default:
                entry = default; // 00 empty, 11 reserved: translation fault
                return false;
        }
    }

    private static bool WalkL2(PhysicalMemory memory, uint l1, uint da, out OmapTlbEntry entry) =>
        DecodeSecondLevel(memory.ReadWord(L2EntryAddress(l1, da)), da, out entry);

    /// <summary>
    /// Decodes second-level descriptor <paramref name="pte"/> for <paramref name="da"/> as the walker does after reading
    /// it: true with the entry a large or small page gives, false for a translation fault.
    /// </summary>
    public static bool DecodeSecondLevel(uint pte, uint da, out OmapTlbEntry entry)
    {
        if ((pte & L2TypeMask) == L2Large)
        {
            entry = MakeEntry(da, pte, OmapMmuRegisters.MMU_CAM_PGSZ_64K, PageAttributes(pte));
            return true;
        }
        if ((pte & L2SmallBit) != 0)
        {
            entry = MakeEntry(da, pte, OmapMmuRegisters.MMU_CAM_PGSZ_4K, PageAttributes(pte));
            return true;
        }
        entry = default;
        return false;
    }

    private static OmapTlbEntry MakeEntry(uint da, uint descriptor, uint pgsz, uint ramAttributes)
    {
        uint mask = OmapMmuRegisters.TagMask(pgsz);
        return new OmapTlbEntry
        {
            Cam = (da & mask) | OmapMmuRegisters.MMU_CAM_V | pgsz,
            Ram = (descriptor & mask) | ramAttributes,
        };
    }

    // Section/supersection descriptors carry ES at 11:10, E at 15, M at 17 (§3.2).
    private static uint SectionAttributes(uint d) =>
        (((d >> 10) & 3) << 7) | (((d >> 15) & 1) << 9) | (((d >> 17) & 1) << 6);

    // Large/small descriptors carry ES at 5:4, E at 9, M at 11 (§3.3).
    private static uint PageAttributes(uint d) =>
        (((d >> 4) & 3) << 7) | (((d >> 9) & 1) << 9) | (((d >> 11) & 1) << 6);
}
