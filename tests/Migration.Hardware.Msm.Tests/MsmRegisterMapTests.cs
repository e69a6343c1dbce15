using Migration.Hardware.Memory;
using static Migration.Hardware.Msm.MsmIommuRegisters;

namespace Migration.Hardware.Msm.Tests;

/// <summary>The register map of msm.md §2.2: offsets, field positions, and plain read/write semantics.</summary>
public class MsmRegisterMapTests
{
    [Fact]
    public void ContextRegisterOffsets_MatchTheTable()
    {
        Assert.Equal(
            new uint[] { 0x000, 0x004, 0x008, 0x010, 0x014, 0x018, 0x01C, 0x020, 0x024, 0x028, 0x02C, 0x030, 0x034, 0x038, 0x03C, 0x040, 0x044, 0x048, 0x04C },
            new[] { SCTLR, ACTLR, CONTEXTIDR, TTBR0, TTBR1, TTBCR, PAR, FSR, FSRRESTORE, FAR, FSYNR0, FSYNR1, PRRR, NMRR, TLBLCKR, V2PSR, TLBFLPTER, TLBSLPTER, BFBCR });
        Assert.Equal(
            new uint[] { 0x800, 0x804, 0x808, 0x80C, 0x810, 0x814, 0x818, 0x81C, 0x820 },
            new[] { CTX_TLBIALL, TLBIASID, TLBIVA, TLBIVAA, V2PPR, V2PPW, V2PUR, V2PUW, RESUME });
    }

    [Fact]
    public void GlobalRegisterOffsets_MatchTheTable()
    {
        Assert.Equal(
            new uint[] { 0xFF000, 0xFF800, 0xFFE00, 0xFFE80, 0xFFE84, 0xFFE88, 0xFFE8C, 0xFFF00, 0xFFF04, 0xFFF80 },
            new[] { M2VCBR_N, CBACR_N, TLBRSW, TLBTR0, TLBTR1, TLBTR2, TESTBUSCR, GLOBAL_TLBIALL, TLBIVMID, CR });
        Assert.Equal(
            new uint[] { 0xFFF84, 0xFFF88, 0xFFF8C, 0xFFF90, 0xFFF94, 0xFFFF4, 0xFFFF8, 0xFFFFC },
            new[] { EAR, ESR, ESRRESTORE, ESYNR0, ESYNR1, REV, IDR, RPU_ACR });
        Assert.Equal(0x100000u, WindowSize);
        Assert.Equal(512, M2vEntries);
    }

    [Theory]
    [InlineData(0, 0x000u, 0x00000u)]
    [InlineData(1, 0x020u, 0x01020u)]
    [InlineData(2, 0x810u, 0x02810u)]
    [InlineData(254, 0x04Cu, 0xFE04Cu)]
    public void ContextRegister_IsCtxShifted12PlusOffset(int ctx, uint offset, uint expected) =>
        Assert.Equal(expected, ContextRegister(ctx, offset));

    [Fact]
    public void SctlrAndActlrFields_MatchTheReference()
    {
        Assert.Equal(new uint[] { 1, 2, 4, 8, 0x10, 0x20 }, new[] { SCTLR_M, SCTLR_TRE, SCTLR_AFE, SCTLR_HAF, SCTLR_BE, SCTLR_AFFD });
        Assert.Equal(new uint[] { 0x1, 0x2, 0xC, 0x10, 0x20, 0x40, 0x300, 0x400, 0x800, 0x3000, 0x4000, 0x8000, 0x30000, 0x40000, 0x100000, 0xE00000 },
            new[] { ACTLR_CFERE, ACTLR_CFEIE, ACTLR_PTSHCFG_MASK, ACTLR_RCOSH, ACTLR_RCISH, ACTLR_RCNSH, ACTLR_PRIVCFG_MASK, ACTLR_DNA, ACTLR_DNLV2PA,
                ACTLR_TLBMCFG_MASK, ACTLR_CFCFG, ACTLR_TIPCF, ACTLR_V2PCFG_MASK, ACTLR_HUME, ACTLR_PTMTCFG, ACTLR_PTMEMTYPE_MASK });
        Assert.Equal(new[] { 2, 8, 12, 16, 21 }, new[] { ACTLR_PTSHCFG_SHIFT, ACTLR_PRIVCFG_SHIFT, ACTLR_TLBMCFG_SHIFT, ACTLR_V2PCFG_SHIFT, ACTLR_PTMEMTYPE_SHIFT });
        Assert.Equal(3u, TLBMCFG_HARDWARE_WALK);
        Assert.Equal(MsmRig.AttachActlr,
            (3u << ACTLR_TLBMCFG_SHIFT) | (3u << ACTLR_V2PCFG_SHIFT) | ACTLR_CFEIE | ACTLR_CFCFG | ACTLR_RCISH | ACTLR_RCOSH | ACTLR_RCNSH);
    }

    [Fact]
    public void ContextidrTtbrAndTtbcrFields_MatchTheReference()
    {
        Assert.Equal(0xFFu, CONTEXTIDR_ASID_MASK);
        Assert.Equal(0xFFFFFF00u, CONTEXTIDR_PROCID_MASK);
        Assert.Equal(8, CONTEXTIDR_PROCID_SHIFT);
        Assert.Equal(new uint[] { 0x1, 0x2, 0x18, 0x20, 0x40, 0xFFFFC000 }, new[] { TTBR_IRGNH, TTBR_SH, TTBR_ORGN_MASK, TTBR_NOS, TTBR_IRGNL, TTBR_PA_MASK });
        Assert.Equal(14, TTBR_PA_SHIFT);
        Assert.Equal(new uint[] { 7, 0x10, 0x20 }, new[] { TTBCR_N_MASK, TTBCR_PD0, TTBCR_PD1 });
    }

    [Fact]
    public void ParFields_MatchTheReference()
    {
        Assert.Equal(new uint[] { 0x1, 0x2, 0x70, 0x80, 0x200, 0x400, 0xFFFFF000, 0xFF000000 },
            new[] { PAR_FAULT, PAR_SS, PAR_MT_MASK, PAR_SH, PAR_NS, PAR_NOS, PAR_PA_MASK, PAR_SUPERSECTION_PA_MASK });
        Assert.Equal(new uint[] { 0x2, 0x4, 0x8, 0x10, 0x20, 0x40, 0x80, 0x10000, 0x40000000 },
            new[] { PAR_TF, PAR_AFF, PAR_APF, PAR_TLBMF, PAR_HTWDEEF, PAR_HTWSEEF, PAR_MHF, PAR_SL, PAR_FAULT_SS });
    }

    [Fact]
    public void FsrFields_MatchTheReference()
    {
        Assert.Equal(new uint[] { 0x2, 0x4, 0x8, 0x10, 0x20, 0x40, 0x80, 0x10000, 0x40000000, 0x80000000 },
            new[] { FSR_TF, FSR_AFF, FSR_APF, FSR_TLBMF, FSR_HTWDEEF, FSR_HTWSEEF, FSR_MHF, FSR_SL, FSR_SS, FSR_MULTI });
        Assert.Equal(0x4000000Fu, FSR_MAINLINE_CLEAR);
    }

    [Fact]
    public void V2psrBfbcrAndOperandFields_MatchTheReference()
    {
        Assert.Equal(new uint[] { 0x1, 0xFF00 }, new[] { V2PSR_HIT, V2PSR_INDEX_MASK });
        Assert.Equal(new uint[] { 0x1, 0x2, 0x4, 0xF0, 0xF00 }, new[] { BFBCR_BFBDFE, BFBCR_BFBSFE, BFBCR_SFVS, BFBCR_FLVIC_MASK, BFBCR_SLVIC_MASK });
        Assert.Equal(new uint[] { 0xFFFFF000, 0xFF, 0x1F, 0x1 }, new[] { TLBI_VA_MASK, TLBI_ASID_MASK, TLBIVMID_VMID_MASK, RESUME_TNR });
    }

    [Fact]
    public void M2vcbrAndCbacrFields_MatchTheReference()
    {
        Assert.Equal(new uint[] { 0x1F, 0xFF00, 0x10000, 0x20000, 0x40000, 0x80000, 0x300000, 0xC00000, 0x1000000, 0xE000000 },
            new[] { M2VCBR_VMID_MASK, M2VCBR_CBNDX_MASK, M2VCBR_BYPASSD, M2VCBR_BPRCOSH, M2VCBR_BPRCISH, M2VCBR_BPRCNSH,
                M2VCBR_BPSHCFG_MASK, M2VCBR_NSCFG_MASK, M2VCBR_BPMTCFG, M2VCBR_BPMEMTYPE_MASK });
        Assert.Equal(new[] { 8, 20, 22, 25 }, new[] { M2VCBR_CBNDX_SHIFT, M2VCBR_BPSHCFG_SHIFT, M2VCBR_NSCFG_SHIFT, M2VCBR_BPMEMTYPE_SHIFT });
        Assert.Equal(new uint[] { 0x1F, 0x100, 0x200, 0x1F0000, 0xFF000000 }, new[] { CBACR_RWVMID_MASK, CBACR_RWE, CBACR_RWGE, CBACR_CBVMID_MASK, CBACR_IRPTNDX_MASK });
        Assert.Equal(new[] { 16, 24 }, new[] { CBACR_CBVMID_SHIFT, CBACR_IRPTNDX_SHIFT });
    }

    [Fact]
    public void CrRevAndIdrFields_MatchTheReference()
    {
        Assert.Equal(new uint[] { 0x1, 0x40, 0x200 }, new[] { CR_RPUE, CR_TLBLKCRWE, CR_HUME });
        Assert.Equal(new uint[] { 0xF, 0xF0 }, new[] { REV_MINOR_MASK, REV_MAJOR_MASK });
        Assert.Equal(new uint[] { 0x1FF, 0x200, 0x400, 0xF000, 0xFF0000, 0xFF000000 },
            new[] { IDR_NM2VCBMT_MASK, IDR_HTW, IDR_HUM, IDR_TLBSIZE_MASK, IDR_NCB_MASK, IDR_NIRPT_MASK });
    }

    [Fact]
    public void PowerOn_EveryStoredRegisterReadsZero()
    {
        MsmIommu iommu = MsmRig.NewGfx3d(out _);
        for (uint offset = 0; offset < 0x1000; offset += 4)
            Assert.Equal(0u, iommu.Read(ContextRegister(1, offset)));
        Assert.Equal(0u, iommu.Read(M2VCBR_N + 4 * 31));
        Assert.Equal(0u, iommu.Read(CR));
    }

    [Theory]
    [InlineData(SCTLR)]
    [InlineData(ACTLR)]
    [InlineData(CONTEXTIDR)]
    [InlineData(TTBR0)]
    [InlineData(TTBR1)]
    [InlineData(TTBCR)]
    [InlineData(PAR)]
    [InlineData(FAR)]
    [InlineData(FSYNR0)]
    [InlineData(FSYNR1)]
    [InlineData(PRRR)]
    [InlineData(NMRR)]
    [InlineData(TLBLCKR)]
    [InlineData(TLBFLPTER)]
    [InlineData(TLBSLPTER)]
    [InlineData(BFBCR)]
    public void ContextStorageRegister_ReadsBackWhatWasWritten_PerBank(uint offset)
    {
        MsmIommu iommu = MsmRig.NewGfx3d(out _);
        iommu.Write(ContextRegister(1, offset), 0xDEADBEEF);
        iommu.Write(ContextRegister(2, offset), 0x12345678);
        Assert.Equal(0xDEADBEEFu, iommu.Read(ContextRegister(1, offset)));
        Assert.Equal(0x12345678u, iommu.Read(ContextRegister(2, offset)));
        Assert.Equal(0u, iommu.Read(ContextRegister(0, offset)));
        Assert.Equal(0xDEADBEEFu, iommu.PeekContextRegister(1, offset));
    }

    [Theory]
    [InlineData(CTX_TLBIALL)]
    [InlineData(TLBIASID)]
    [InlineData(TLBIVA)]
    [InlineData(TLBIVAA)]
    [InlineData(V2PPR)]
    [InlineData(RESUME)]
    [InlineData(FSRRESTORE)]
    [InlineData(0x00Cu)]
    [InlineData(0x050u)]
    public void WriteOnlyAndReservedContextWords_ReadZero(uint offset)
    {
        MsmIommu iommu = MsmRig.NewGfx3d(out _);
        iommu.Write(ContextRegister(0, offset), 0xFFFFF0FF);
        Assert.Equal(0u, iommu.Read(ContextRegister(0, offset)));
    }

    [Fact]
    public void Fsr_IsWriteOneToClear()
    {
        MsmIommu iommu = MsmRig.NewGfx3d(out _);
        MsmRig.SetReg(iommu, 0, FSRRESTORE, 0xC001001E);
        Assert.Equal(0xC001001Eu, MsmRig.Reg(iommu, 0, FSR));
        MsmRig.SetReg(iommu, 0, FSR, FSR_MAINLINE_CLEAR);
        Assert.Equal(0x80010010u, MsmRig.Reg(iommu, 0, FSR)); // 0x4000000F leaves TLBMF, SL and MULTI set
        MsmRig.SetReg(iommu, 0, FSR, 0x80010010);
        Assert.Equal(0u, MsmRig.Reg(iommu, 0, FSR));
    }

    [Fact]
    public void Fsr_WritingTheValueReadBackClearsIt()
    {
        MsmIommu iommu = MsmRig.NewGfx3d(out _);
        MsmRig.SetReg(iommu, 2, FSRRESTORE, 0x4001000A);
        MsmRig.SetReg(iommu, 2, FSR, MsmRig.Reg(iommu, 2, FSR));
        Assert.Equal(0u, MsmRig.Reg(iommu, 2, FSR));
    }

    [Fact]
    public void FsrRestore_ReplacesFsrWhole()
    {
        MsmIommu iommu = MsmRig.NewGfx3d(out _);
        MsmRig.SetReg(iommu, 1, FSRRESTORE, 0x80010012);
        MsmRig.SetReg(iommu, 1, FSRRESTORE, 0x00000008);
        Assert.Equal(0x00000008u, MsmRig.Reg(iommu, 1, FSR));
        MsmRig.SetReg(iommu, 1, FSRRESTORE, 0); // what the reset does (msm.md §2.3)
        Assert.Equal(0u, MsmRig.Reg(iommu, 1, FSR));
    }

    [Fact]
    public void V2psr_IsReadOnly()
    {
        MsmIommu iommu = MsmRig.NewGfx3d(out _);
        MsmRig.SetReg(iommu, 0, V2PSR, 0xFFFF);
        Assert.Equal(0u, MsmRig.Reg(iommu, 0, V2PSR));
    }

    [Fact]
    public void UnimplementedContextBankPages_ReadZeroAndIgnoreWrites()
    {
        MsmIommu iommu = MsmRig.NewGfx3d(out _); // banks 0..2
        iommu.Write(ContextRegister(3, SCTLR), 1);
        iommu.Write(ContextRegister(254, TTBR0), 0x80004000);
        Assert.Equal(0u, iommu.Read(ContextRegister(3, SCTLR)));
        Assert.Equal(0u, iommu.Read(ContextRegister(254, TTBR0)));
    }

    [Theory]
    [InlineData(TLBRSW)]
    [InlineData(TLBTR0)]
    [InlineData(TLBTR1)]
    [InlineData(TLBTR2)]
    [InlineData(TESTBUSCR)]
    [InlineData(CR)]
    [InlineData(EAR)]
    [InlineData(ESYNR0)]
    [InlineData(ESYNR1)]
    [InlineData(RPU_ACR)]
    [InlineData(M2VCBR_N)]
    [InlineData(M2VCBR_N + 4 * 511)]
    [InlineData(CBACR_N + 4 * 2)]
    public void GlobalStorageRegister_ReadsBackWhatWasWritten(uint offset)
    {
        MsmIommu iommu = MsmRig.NewGfx3d(out _);
        iommu.Write(offset, 0xA5A55A5A);
        Assert.Equal(0xA5A55A5Au, iommu.Read(offset));
    }

    [Fact]
    public void Cbacr_BeyondTheImplementedBanks_ReadsZero()
    {
        MsmIommu iommu = MsmRig.NewGfx3d(out _);
        iommu.Write(CBACR_N, 0x12);
        iommu.Write(CBACR_N + 4 * 3, 0xFFFFFFFF);
        Assert.Equal(0u, iommu.Read(CBACR_N + 4 * 3));
        Assert.Equal(0x12u, iommu.Read(CBACR_N));
    }

    [Fact]
    public void Esr_IsWriteOneToClear_AndEsrRestoreSetsIt()
    {
        MsmIommu iommu = MsmRig.NewGfx3d(out _);
        iommu.Write(ESRRESTORE, 0x0000F00F);
        Assert.Equal(0x0000F00Fu, iommu.Read(ESR));
        iommu.Write(ESR, 0x0000000F);
        Assert.Equal(0x0000F000u, iommu.Read(ESR));
        Assert.Equal(0u, iommu.Read(ESRRESTORE));
    }

    [Fact]
    public void Idr_ReportsNcbHtwAndSizes_AndIgnoresWrites()
    {
        MsmIommu iommu = MsmRig.NewGfx3d(out _);
        iommu.Write(IDR, 0);
        // NM2VCBMT 511 | HTW | TLBSIZE 5 | NCB 2 (3 banks) | NIRPT 0
        Assert.Equal(0x000253FFu, iommu.Read(IDR));
        Assert.Equal(iommu.IdrValue, iommu.Read(IDR));
    }

    [Fact]
    public void Rev_ReadsMajor1Minor0_AndIgnoresWrites()
    {
        MsmIommu iommu = MsmRig.NewGfx3d(out _);
        iommu.Write(REV, 0x55);
        Assert.Equal(0x10u, iommu.Read(REV));
        Assert.Equal(MsmIommu.RevisionValue, iommu.Read(REV));
    }

    [Theory]
    [InlineData(GLOBAL_TLBIALL)]
    [InlineData(TLBIVMID)]
    [InlineData(0xFFFF0u)]
    [InlineData(0xFFE04u)]
    public void WriteOnlyAndReservedGlobalWords_ReadZero(uint offset)
    {
        MsmIommu iommu = MsmRig.NewGfx3d(out _);
        iommu.Write(offset, 0xFFFFFFFF);
        Assert.Equal(0u, iommu.Read(offset));
    }

    [Theory]
    [InlineData(0x100000u)]
    [InlineData(0xFFFFFFFCu)]
    [InlineData(0x2u)]
    [InlineData(0xFFFFDu)]
    public void OutsideOrUnalignedOffsets_Throw(uint offset)
    {
        MsmIommu iommu = MsmRig.NewGfx3d(out _);
        Assert.Throws<ArgumentOutOfRangeException>(() => iommu.Read(offset));
        Assert.Throws<ArgumentOutOfRangeException>(() => iommu.Write(offset, 0));
    }

    [Fact]
    public void PeekContextRegister_RejectsBadBankAndOffset()
    {
        MsmIommu iommu = MsmRig.NewGfx3d(out _);
        Assert.Throws<ArgumentOutOfRangeException>(() => iommu.PeekContextRegister(3, SCTLR));
        Assert.Throws<ArgumentOutOfRangeException>(() => iommu.PeekContextRegister(-1, SCTLR));
        Assert.Throws<ArgumentOutOfRangeException>(() => iommu.PeekContextRegister(0, 0x1000));
        Assert.Throws<ArgumentOutOfRangeException>(() => iommu.PeekContextRegister(0, 0x2));
    }

    [Fact]
    public void Constructor_RejectsNullsAndInconsistentConfigs()
    {
        var memory = new PhysicalMemory();
        Assert.Throws<ArgumentNullException>(() => new MsmIommu(null!, memory));
        Assert.Throws<ArgumentNullException>(() => new MsmIommu(MsmRig.Gfx3dConfig, null!));
        Assert.Throws<ArgumentException>(() => new MsmIommu(new MsmIommuConfig("x", 0, 1, 0, []), memory));
        Assert.Throws<ArgumentException>(() => new MsmIommu(new MsmIommuConfig("x", 0, 1, 256, []), memory));
        Assert.Throws<ArgumentException>(() => new MsmIommu(new MsmIommuConfig("x", 0, 1, 2, [new MsmContextConfig("c", 2, [0])]), memory));
        Assert.Throws<ArgumentException>(() => new MsmIommu(new MsmIommuConfig("x", 0, 1, 2, [new MsmContextConfig("c", 0, [512])]), memory));
        Assert.Throws<ArgumentException>(() => new MsmIommu(new MsmIommuConfig("x", 0, 1, 2, [new MsmContextConfig("c", 0, Enumerable.Range(0, 33).ToArray())]), memory));
        Assert.Equal(255, new MsmIommu(new MsmIommuConfig("x", 0, 1, 255, []), memory).ContextBanks);
    }
}
