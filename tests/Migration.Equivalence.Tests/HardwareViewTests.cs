using Legacy.Omap;
using Migration.Drivers.Omap;
using Migration.Hardware;
using Migration.Hardware.Memory;
using Migration.Hardware.Omap;
using Migration.Kernel;

namespace Migration.Equivalence.Tests;

/// <summary>
/// The engine's hardware view and whole-space comparison, on two hand-built OMAP worlds: one clears PTEs through
/// iopgtable_clear_entry (which flushes the TLB, omap.md §8.6), the other writes the zero itself and forgets the flush.
/// </summary>
public class HardwareViewTests
{
    private sealed class PteWorld : IEquivalenceWorld
    {
        private readonly Soc _soc = Soc.CreateDefault();
        private readonly OmapIommu _isp;
        private readonly bool _forgetFlush;

        public PteWorld(bool forgetFlush)
        {
            _forgetFlush = forgetFlush;
            _isp = OmapIommu.Get(OmapIommuDriver.Register(_soc, new KernelMemory(_soc.Pages)), "isp").Value!;
            OmapMmu mmu = _isp.Instance.Mmu;
            Spaces = [new DeviceAddressSpace("isp", new OmapTranslationWalker(_soc.Memory), () => _isp.Instance.Iopgd, () => Tlb(mmu))];
        }

        public string Name => _forgetFlush ? "forgets the flush" : "iopgtable_clear_entry";

        public PhysicalMemory Memory => _soc.Memory;

        public IReadOnlyList<DeviceAddressSpace> Spaces { get; }

        public PhysicalIdentity Identity { get; } = new();

        public WriteTracker Tracker { get; } = new();

        public StepOutcome Apply(TraceStep step)
        {
            uint da = step.U("da");
            switch (step.Op)
            {
                case "store":
                    IotlbEntry.Init(out IotlbEntry e, da, step.U("pa"), (uint)step["pgsz"]);
                    return StepOutcome.Of(IopgTable.StoreEntry(_isp, e));
                case "read":
                    OmapMmuTranslation t = _isp.Instance.Mmu.Translate(da);
                    return new StepOutcome(0, [$"0x{da:x8}->{(t.Succeeded ? $"0x{t.Pa:x8}" : "fault")}"]);
                case "clear":
                    if (!_forgetFlush)
                        return StepOutcome.Of(IopgTable.ClearEntry(_isp, da));
                    IopgTable.LookupEntry(_isp, da, out _, out uint ppte);
                    _soc.Memory.WriteWord(ppte, 0);
                    return StepOutcome.Of(0x1000);
                default:
                    throw new InvalidOperationException(step.Op);
            }
        }

        private static IEnumerable<TlbMapping> Tlb(OmapMmu mmu)
        {
            for (int i = 0; i < mmu.TlbEntries; i++)
            {
                OmapTlbEntry t = mmu.PeekTlb(i);
                if (t.Valid)
                    yield return new TlbMapping(i, t.Cam & t.TagMask, ~t.TagMask + 1, t.Ram & t.TagMask);
            }
        }
    }

    private sealed class PteScenario(bool forgetFlush, IWorldComparison? comparison = null) : ITwoWorldScenario
    {
        public string Name => "pte";

        public string Description => "hand-built PTE traces";

        public int DefaultSteps => 0;

        public IReadOnlyList<TraceStep> Generate(int seed, int steps) => [];

        public (string Field, string Message)? Validate(TraceStep step) => null;

        public IReadOnlyList<IWorldComparison> Comparisons => [comparison ?? EntryForEntryComparison.Instance];

        public IEquivalenceWorld CreateLegacy() => new PteWorld(forgetFlush: false);

        public IEquivalenceWorld CreatePorted() => new PteWorld(forgetFlush);
    }

    private static TraceStep Step(string op, uint da, uint pa = 0, uint pgsz = IovmFlags.IOVMF_PGSZ_4K) =>
        new(op, new TraceArg("da", da), new TraceArg("pa", pa), new TraceArg("pgsz", pgsz));

    [Fact]
    public void AStaleTlbEntry_IsAHardwareViewDivergence_EvenThoughTheTablesAgree()
    {
        var trace = new Trace("pte", 0,
        [
            Step("store", 0x00200000, 0x80200000),
            Step("read", 0x00200000),                 // the ISP loads the TLB
            Step("clear", 0x00200000),                // one world clears without flushing
        ]);

        Divergence d = EquivalenceEngine.Run(new PteScenario(forgetFlush: true), trace).Divergence!;

        Assert.Equal(DivergenceKind.Tlb, d.Kind);
        Assert.Equal(2, d.Step);
        Assert.Equal(0x00200000u, d.Iova);
        Assert.Equal("(consistent)", d.Legacy);
        // The store's flush scan left LOCK.VICT at N-1 = 7 (omap.md §8.6), so the walk loaded entry 7.
        Assert.Equal("TLB[7] 4K 0x00200000 -> 0x80200000, table: unmapped in the table", d.Ported);
    }

    [Fact]
    public void ARelocatedComparison_OfWorldsThatListNoBuffers_IsRefused()
    {
        var s = new PteScenario(forgetFlush: false, RelocatedComparison.Instance);
        var e = Assert.Throws<InvalidOperationException>(() => EquivalenceEngine.Run(s, new Trace("pte", 0, [])));
        Assert.Equal("scenario pte: a relocated comparison needs worlds that list their client buffers", e.Message);
    }

    [Fact]
    public void AComparisonOfOneWorld_IsRefused_ForAScenarioOfTwo()
    {
        var s = new PteScenario(forgetFlush: false, CrossDeviceComparison.Instance);
        var e = Assert.Throws<InvalidOperationException>(() => EquivalenceEngine.Run(s, new Trace("pte", 0, [])));
        Assert.Equal("scenario pte: the cross-device comparison it declares cannot compare its worlds", e.Message);
    }

    [Fact]
    public void AFlushingClear_LeavesNoStaleEntry()
    {
        var trace = new Trace("pte", 0, [Step("store", 0x00200000, 0x80200000), Step("read", 0x00200000), Step("clear", 0x00200000)]);
        Assert.Null(EquivalenceEngine.Run(new PteScenario(forgetFlush: false), trace).Divergence);
    }

    [Fact]
    public void TheWholeFourGigabyteSpace_MappedBySupersections_ComparesAsOneRun()
    {
        // 256 supersections map all of 4 GiB identically in both worlds: one merged run of 2^32 bytes each.
        var steps = new List<TraceStep>();
        for (uint i = 0; i < 256; i++)
            steps.Add(Step("store", i << 24, i << 24, IovmFlags.IOVMF_PGSZ_16M));
        EquivalenceReport report = EquivalenceEngine.Run(new PteScenario(forgetFlush: false), new Trace("pte", 0, steps), new EquivalenceOptions { Mode = EquivalenceMode.Strict });

        Assert.Null(report.Divergence);
        Assert.Equal(1, report.FinalRuns);
        Assert.Equal(0x1_0000_0000UL, report.FinalMappedBytes);
        Assert.Equal(4096, report.PeakMappings); // one supersection replica per 1 MiB slot
    }

    [Fact]
    public void DifferentReturnValues_AreTheFirstDivergence()
    {
        var trace = new Trace("pte", 0, [Step("store", 0x00200000, 0x80200000), Step("clear", 0x00300000)]);
        // Clearing under an empty L1 entry: iopgtable_clear_entry returns 0 (omap.md §8.3); the hand-written clear
        // claims 4K.
        Divergence d = EquivalenceEngine.Run(new PteScenario(forgetFlush: true), trace).Divergence!;
        Assert.Equal(1, d.Step);
        Assert.Equal(DivergenceKind.ReturnValue, d.Kind);
        Assert.Equal("0", d.Legacy);
        Assert.Equal("0x1000", d.Ported);
    }
}
