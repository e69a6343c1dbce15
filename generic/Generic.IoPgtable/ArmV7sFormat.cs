using System.Runtime.CompilerServices;
using Migration.Kernel;

namespace Generic.IoPgtable;

/// <summary>
/// The ARMv7 short-descriptor bits as io-pgtable-arm-v7s.c names them (ARM_V7S_*; v7s.md §1.1, §1.2) and its small
/// per-level helpers: arm_v7s_prot_to_pte, arm_v7s_pte_to_cont, arm_v7s_pte_is_cont, the level index and masks.
/// Levels are 1 (4096 entries of 1 MiB) and 2 (256 entries of 4 KiB).
/// </summary>
public static class ArmV7sFormat
{
    /// <summary>ARM_V7S_ADDR_BITS: 32-bit input and output addresses.</summary>
    public const int ARM_V7S_ADDR_BITS = 32;

    /// <summary>ARM_V7S_CONT_PAGES: copies of a contiguous (16M supersection / 64K large page) descriptor.</summary>
    public const int ARM_V7S_CONT_PAGES = 16;

    /// <summary>ARM_V7S_PTE_TYPE_TABLE: level-1 type 01, a pointer to a level-2 table.</summary>
    public const uint ARM_V7S_PTE_TYPE_TABLE = 0x1;

    /// <summary>ARM_V7S_PTE_TYPE_PAGE: type 10, section (level 1) or small page (level 2).</summary>
    public const uint ARM_V7S_PTE_TYPE_PAGE = 0x2;

    /// <summary>ARM_V7S_PTE_TYPE_CONT_PAGE: level-2 type 01, large page.</summary>
    public const uint ARM_V7S_PTE_TYPE_CONT_PAGE = 0x1;

    /// <summary>Type field, bits 1:0 (an entry is valid when it is non-zero).</summary>
    public const uint ARM_V7S_PTE_TYPE_MASK = 0x3;

    /// <summary>ARM_V7S_ATTR_B: bufferable, bit 2 at either level.</summary>
    public const uint ARM_V7S_ATTR_B = 1u << 2;

    /// <summary>ARM_V7S_ATTR_C: cacheable, bit 3 at either level.</summary>
    public const uint ARM_V7S_ATTR_C = 1u << 3;

    /// <summary>ARM_V7S_ATTR_NS_TABLE: bit 3 of a table entry (ARM_NS quirk only).</summary>
    public const uint ARM_V7S_ATTR_NS_TABLE = 1u << 3;

    /// <summary>ARM_V7S_ATTR_NS_SECTION: bit 19 of a level-1 block (ARM_NS quirk only).</summary>
    public const uint ARM_V7S_ATTR_NS_SECTION = 1u << 19;

    /// <summary>ARM_V7S_CONT_SECTION: bit 18, a supersection.</summary>
    public const uint ARM_V7S_CONT_SECTION = 1u << 18;

    /// <summary>ARM_V7S_CONT_PAGE_XN_SHIFT: a large page keeps XN at bit 15 (bit 0 moved up by 15).</summary>
    public const int ARM_V7S_CONT_PAGE_XN_SHIFT = 15;

    /// <summary>ARM_V7S_CONT_PAGE_TEX_SHIFT: a large page keeps TEX at bits 14:12 (bits 8:6 moved up by 6).</summary>
    public const int ARM_V7S_CONT_PAGE_TEX_SHIFT = 6;

    /// <summary>ARM_V7S_TEX_SHIFT: TEX[2:0] sits at bits 4:2 of the attribute byte.</summary>
    public const int ARM_V7S_TEX_SHIFT = 2;

    /// <summary>ARM_V7S_TEX_MASK: the three TEX bits, unshifted.</summary>
    public const uint ARM_V7S_TEX_MASK = 0x7;

    /// <summary>ARM_V7S_CONT_PAGE_TEX_MASK: TEX of a small page, bits 8:6 (also the distance it moves in a large page).</summary>
    public const uint ARM_V7S_CONT_PAGE_TEX_MASK = ARM_V7S_TEX_MASK << ARM_V7S_CONT_PAGE_TEX_SHIFT;

    /// <summary>ARM_V7S_ATTR_AP0 (attribute byte bit 0): the access flag under SCTLR.AFE = 1 (ARM_V7S_PTE_AF).</summary>
    public const uint ARM_V7S_ATTR_AP0 = 1u << 0;

    /// <summary>ARM_V7S_ATTR_AP1 (attribute byte bit 1): unprivileged access allowed (ARM_V7S_PTE_AP_UNPRIV).</summary>
    public const uint ARM_V7S_ATTR_AP1 = 1u << 1;

    /// <summary>ARM_V7S_ATTR_AP2 (attribute byte bit 5): read-only (ARM_V7S_PTE_AP_RDONLY).</summary>
    public const uint ARM_V7S_ATTR_AP2 = 1u << 5;

    /// <summary>ARM_V7S_ATTR_S (attribute byte bit 6): shareable.</summary>
    public const uint ARM_V7S_ATTR_S = 1u << 6;

    /// <summary>ARM_V7S_ATTR_NG (attribute byte bit 7): not global, TLB entries tagged with the ASID.</summary>
    public const uint ARM_V7S_ATTR_NG = 1u << 7;

    /// <summary>ARM_V7S_TABLE_MASK: the level-2 table address of a table entry (1 KiB tables, v7s.md §1.4 item 7).</summary>
    public const uint ARM_V7S_TABLE_MASK = 0xFFFFFC00;

    /// <summary>ARM_V7S_TTBR_S: shareable table walks.</summary>
    public const uint ARM_V7S_TTBR_S = 1u << 1;

    /// <summary>ARM_V7S_TTBR_NOS: not outer shareable.</summary>
    public const uint ARM_V7S_TTBR_NOS = 1u << 5;

    /// <summary>ARM_V7S_TTBR_IRGN_ATTR(ARM_V7S_RGN_WBWA): IRGN = 01 (bit 6 set, bit 0 clear).</summary>
    public const uint ARM_V7S_TTBR_IRGN_WBWA = 1u << 6;

    /// <summary>ARM_V7S_TTBR_ORGN_ATTR(ARM_V7S_RGN_WBWA): ORGN = 01 (bit 3).</summary>
    public const uint ARM_V7S_TTBR_ORGN_WBWA = 1u << 3;

    /// <summary>PRRR TR1 = Device, TR4 = TR7 = Normal, DS0, DS1, NS1, NOS7 (arm_v7s_alloc_pgtable, v7s.md §2.3).</summary>
    public const uint ARM_V7S_PRRR = (1u << 2) | (2u << 8) | (2u << 14) | (1u << 16) | (1u << 17) | (1u << 19) | (1u << 31);

    /// <summary>NMRR IR7 = OR7 = WBWA, everything else non-cacheable (v7s.md §2.3).</summary>
    public const uint ARM_V7S_NMRR = (1u << 14) | (1u << 30);

    /// <summary>Bytes of a level-1 table (4096 entries): 16 KiB, order-2 pages.</summary>
    public const uint L1TableSize = 0x4000;

    /// <summary>Bytes of a level-2 table (256 entries): 1 KiB slab objects.</summary>
    public const uint L2TableSize = 0x400;

    /// <summary>The page sizes the format supports: 4K | 64K | 1M | 16M.</summary>
    public const uint SupportedPageSizes = 0x01111000;

    /// <summary>ARM_V7S_PTES_PER_LVL(lvl): 4096 or 256.</summary>
    public static int PtesPerLevel(int lvl) => lvl == 1 ? 4096 : 256;

    /// <summary>ARM_V7S_LVL_SHIFT(lvl): 20 or 12.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int LevelShift(int lvl) => lvl == 1 ? 20 : 12;

    /// <summary>ARM_V7S_BLOCK_SIZE(lvl): 1 MiB or 4 KiB.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint BlockSize(int lvl) => 1u << LevelShift(lvl);

    /// <summary>ARM_V7S_LVL_MASK(lvl): 0xFFF00000 or 0xFFFFF000.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint LevelMask(int lvl) => ~(BlockSize(lvl) - 1);

    /// <summary>ARM_V7S_LVL_IDX(iova, lvl): iova[31:20] or iova[19:12].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int LevelIndex(uint iova, int lvl) => lvl == 1 ? (int)(iova >> 20) : (int)((iova >> 12) & 0xFF);

    /// <summary>ARM_V7S_ATTR_SHIFT(lvl): the attribute byte sits at bits 17:10 (level 1) or 11:4 (level 2).</summary>
    public static int AttrShift(int lvl) => 16 - 6 * lvl;

    /// <summary>ARM_V7S_ATTR_XN(lvl): bit 4 at level 1, bit 0 at level 2.</summary>
    public static uint AttrXn(int lvl) => 1u << (4 * (2 - lvl));

    /// <summary>ARM_V7S_ATTR_TEX(val): TEX in the attribute byte.</summary>
    public static uint AttrTex(uint val) => (val & ARM_V7S_TEX_MASK) << ARM_V7S_TEX_SHIFT;

    /// <summary>ARM_V7S_PTE_IS_VALID(pte): type bits non-zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool PteIsValid(uint pte) => (pte & ARM_V7S_PTE_TYPE_MASK) != 0;

    /// <summary>ARM_V7S_PTE_IS_TABLE(pte, lvl): level 1 and type 01.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool PteIsTable(uint pte, int lvl) => lvl == 1 && (pte & ARM_V7S_PTE_TYPE_MASK) == ARM_V7S_PTE_TYPE_TABLE;

    /// <summary>arm_v7s_pte_is_cont(pte, lvl): a supersection (level 1, not a table, bit 18) or a large page (level 2, type 01).</summary>
    public static bool PteIsCont(uint pte, int lvl) => lvl == 1
        ? !PteIsTable(pte, lvl) && (pte & ARM_V7S_CONT_SECTION) != 0
        : (pte & ARM_V7S_PTE_TYPE_MASK) == ARM_V7S_PTE_TYPE_CONT_PAGE;

    /// <summary>iopte_deref(pte, 1): the physical address of the level-2 table a table entry points at.</summary>
    public static uint TableAddress(uint pte) => pte & ARM_V7S_TABLE_MASK;

    /// <summary>
    /// arm_v7s_prot_to_pte(prot, lvl, cfg) (v7s.md §1.2 steps 1-3): nG, S, TEX = 1 unless MMIO, AF, AP1 unless PRIV,
    /// AP2 unless WRITE, shifted to the level; XN for NOEXEC; B for MMIO, else B|C for CACHE; type 10; NS with ARM_NS.
    /// IOMMU_READ itself is never encoded.
    /// </summary>
    public static uint ProtToPte(int prot, int lvl, uint quirks)
    {
        uint attr = ARM_V7S_ATTR_NG | ARM_V7S_ATTR_S;
        if ((prot & IommuProt.IOMMU_MMIO) == 0)
            attr |= AttrTex(1);
        attr |= ARM_V7S_ATTR_AP0;
        if ((prot & IommuProt.IOMMU_PRIV) == 0)
            attr |= ARM_V7S_ATTR_AP1;
        if ((prot & IommuProt.IOMMU_WRITE) == 0)
            attr |= ARM_V7S_ATTR_AP2;
        uint pte = attr << AttrShift(lvl);
        if ((prot & IommuProt.IOMMU_NOEXEC) != 0)
            pte |= AttrXn(lvl);
        if ((prot & IommuProt.IOMMU_MMIO) != 0)
            pte |= ARM_V7S_ATTR_B;
        else if ((prot & IommuProt.IOMMU_CACHE) != 0)
            pte |= ARM_V7S_ATTR_B | ARM_V7S_ATTR_C;
        pte |= ARM_V7S_PTE_TYPE_PAGE;
        if (lvl == 1 && (quirks & IoPgtableQuirks.ARM_NS) != 0)
            pte |= ARM_V7S_ATTR_NS_SECTION;
        return pte;
    }

    /// <summary>
    /// arm_v7s_pte_to_cont(pte, lvl) (v7s.md §1.2 step 4): level 1 adds bit 18; level 2 moves XN from bit 0 to 15 and
    /// TEX from bits 8:6 to 14:12 and turns type 10 into 01.
    /// </summary>
    public static uint PteToCont(uint pte, int lvl)
    {
        if (lvl == 1)
            return pte | ARM_V7S_CONT_SECTION;
        uint xn = pte & AttrXn(lvl);
        uint tex = pte & ARM_V7S_CONT_PAGE_TEX_MASK;
        pte ^= xn | tex | ARM_V7S_PTE_TYPE_PAGE;
        return pte | (xn << ARM_V7S_CONT_PAGE_XN_SHIFT) | (tex << ARM_V7S_CONT_PAGE_TEX_SHIFT) | ARM_V7S_PTE_TYPE_CONT_PAGE;
    }

    /// <summary>
    /// The descriptor arm_v7s_init_pte writes for <paramref name="num"/> slots at level <paramref name="lvl"/>: the prot
    /// bits, made contiguous when more than one slot, ORed with paddr masked to the level (not the block) mask.
    /// </summary>
    public static uint LeafPte(uint paddr, int prot, int lvl, int num, uint quirks)
    {
        uint pte = ProtToPte(prot, lvl, quirks);
        if (num > 1)
            pte = PteToCont(pte, lvl);
        return pte | (paddr & LevelMask(lvl));
    }
}
