using Migration.Hardware.Memory;
using Migration.Hardware.Omap;
using static Migration.Hardware.Omap.OmapMmuRegisters;

namespace Migration.Hardware.Tests;

/// <summary>Shared set-up for the OMAP MMU tests: an ISP MMU (8 TLB entries) over fresh memory.</summary>
internal static class MmuRig
{
    /// <summary>A 16 KiB aligned L1 table.</summary>
    public const uint Ttb = 0x80004000;

    /// <summary>A 1 KiB aligned (not 4 KiB aligned) L2 table.</summary>
    public const uint L2Table = 0x80010400;

    public static OmapMmu NewIsp(out PhysicalMemory memory)
    {
        memory = new PhysicalMemory();
        return new OmapMmu(OmapMmuConfig.Isp, memory);
    }

    /// <summary>The state after the driver's enable (§2.6 step 5-7): TTB set, IRQENABLE 0x1E, MMU_EN | TWL_EN.</summary>
    public static OmapMmu EnabledIsp(out PhysicalMemory memory)
    {
        OmapMmu mmu = NewIsp(out memory);
        mmu.Write(MMU_TTB, Ttb);
        mmu.Write(MMU_IRQENABLE, MMU_IRQ_TWL_MASK);
        mmu.Write(MMU_CNTL, MMU_CNTL_MMU_EN | MMU_CNTL_TWL_EN);
        return mmu;
    }

    /// <summary>TLB-miss mode (iommu_set_twl): IRQENABLE 0x17, CNTL MMU_EN only.</summary>
    public static OmapMmu TlbMissModeIsp(out PhysicalMemory memory)
    {
        OmapMmu mmu = NewIsp(out memory);
        mmu.Write(MMU_TTB, Ttb);
        mmu.Write(MMU_IRQENABLE, MMU_IRQ_TLB_MISS_MASK);
        mmu.Write(MMU_CNTL, MMU_CNTL_MMU_EN);
        return mmu;
    }

    public static void SetL1(PhysicalMemory memory, uint da, uint descriptor) =>
        memory.WriteWord(Ttb + ((da >> 20) << 2), descriptor);

    /// <summary>L1[da] = L2Table | 1 and L2[da] = <paramref name="pte"/>.</summary>
    public static void SetPte(PhysicalMemory memory, uint da, uint pte)
    {
        SetL1(memory, da, L2Table | 1);
        memory.WriteWord(L2Table + (((da >> 12) & 0xFF) << 2), pte);
    }

    /// <summary>Sets LOCK.VICT = <paramref name="victim"/> (keeping BASE), writes CAM and RAM, LD_TLB = 1.</summary>
    public static void LoadTlb(OmapMmu mmu, int victim, uint cam, uint ram)
    {
        SetVictim(mmu, victim);
        mmu.Write(MMU_CAM, cam);
        mmu.Write(MMU_RAM, ram);
        mmu.Write(MMU_LD_TLB, 1);
    }

    public static void SetVictim(OmapMmu mmu, int victim) =>
        mmu.Write(MMU_LOCK, (mmu.Read(MMU_LOCK) & MMU_LOCK_BASE_MASK) | ((uint)victim << MMU_LOCK_VICT_SHIFT));

    public static uint Victim(OmapMmu mmu) => (mmu.Read(MMU_LOCK) & 0x1F0) >> 4;
}
