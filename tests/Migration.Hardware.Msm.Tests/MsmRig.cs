using Migration.Hardware.Memory;
using Migration.Hardware.Msm;
using static Migration.Hardware.Msm.MsmIommuRegisters;

namespace Migration.Hardware.Msm.Tests;

/// <summary>Shared set-up: an MSM instance over fresh memory, a context programmed like __program_context.</summary>
internal static class MsmRig
{
    /// <summary>A 16 KiB aligned first-level table.</summary>
    public const uint Fl = 0x80004000;

    /// <summary>A 1 KiB aligned (not 4 KiB aligned) second-level table.</summary>
    public const uint Sl = 0x80010400;

    /// <summary>A second 1 KiB aligned second-level table.</summary>
    public const uint Sl2 = 0x80020000;

    /// <summary>ACTLR after msm.md §2.5 steps 2 and 5: TLBMCFG = 3, V2PCFG = 3, CFEIE, CFCFG, RCISH/RCOSH/RCNSH.</summary>
    public const uint AttachActlr = 0x0003_7072;

    /// <summary>The gfx3d instance (3 banks) over fresh memory, every register at its power-on value.</summary>
    public static MsmIommu NewGfx3d(out PhysicalMemory memory)
    {
        memory = new PhysicalMemory();
        return new MsmIommu(Gfx3dConfig, memory);
    }

    /// <summary>The gfx3d row of the 8x60 table.</summary>
    public static MsmIommuConfig Gfx3dConfig => MsmIommuConfig.Defaults8x60[9];

    /// <summary>gfx3d with context <paramref name="ctx"/> programmed as on attach (TTBR0 = <see cref="Fl"/>, ASID = ctx, M = 1).</summary>
    public static MsmIommu Attached(out PhysicalMemory memory, int ctx = 0, uint actlr = AttachActlr)
    {
        MsmIommu iommu = NewGfx3d(out memory);
        Program(iommu, ctx, Fl, (uint)ctx, actlr);
        return iommu;
    }

    /// <summary>Programs <paramref name="ctx"/>: ACTLR, TTBCR = 0, TTBR0, CONTEXTIDR.ASID, TLBIALL, SCTLR = TRE | M.</summary>
    public static void Program(MsmIommu iommu, int ctx, uint table, uint asid, uint actlr = AttachActlr)
    {
        iommu.Write(ContextRegister(ctx, ACTLR), actlr);
        iommu.Write(ContextRegister(ctx, TTBCR), 0);
        iommu.Write(ContextRegister(ctx, TTBR0), table);
        iommu.Write(ContextRegister(ctx, CONTEXTIDR), asid);
        iommu.Write(ContextRegister(ctx, CTX_TLBIALL), 0);
        iommu.Write(ContextRegister(ctx, SCTLR), SCTLR_TRE | SCTLR_M);
    }

    public static uint Reg(MsmIommu iommu, int ctx, uint offset) => iommu.Read(ContextRegister(ctx, offset));

    public static void SetReg(MsmIommu iommu, int ctx, uint offset, uint value) => iommu.Write(ContextRegister(ctx, offset), value);

    /// <summary>FL[va] = <paramref name="descriptor"/> in the table at <paramref name="table"/>.</summary>
    public static void SetFl(PhysicalMemory memory, uint va, uint descriptor, uint table = Fl) =>
        memory.WriteWord(table + ((va >> 20) << 2), descriptor);

    /// <summary>FL[va] = <paramref name="sl"/> | 1 and SL[va] = <paramref name="pte"/>.</summary>
    public static void SetPte(PhysicalMemory memory, uint va, uint pte, uint sl = Sl, uint table = Fl)
    {
        SetFl(memory, va, sl | 1, table);
        memory.WriteWord(sl + (((va >> 12) & 0xFF) << 2), pte);
    }

    /// <summary>Writes <paramref name="descriptor"/> to the 16 FL slots of the supersection holding <paramref name="va"/>.</summary>
    public static void SetSupersection(PhysicalMemory memory, uint va, uint descriptor)
    {
        uint first = (va >> 20) & ~0xFu;
        for (uint i = 0; i < 16; i++)
            memory.WriteWord(Fl + ((first + i) << 2), descriptor);
    }

    /// <summary>Writes <paramref name="pte"/> to the 16 SL slots of the large page holding <paramref name="va"/>.</summary>
    public static void SetLargePage(PhysicalMemory memory, uint va, uint pte)
    {
        SetFl(memory, va, Sl | 1);
        uint first = (va >> 12) & 0xF0;
        for (uint i = 0; i < 16; i++)
            memory.WriteWord(Sl + ((first + i) << 2), pte);
    }
}
