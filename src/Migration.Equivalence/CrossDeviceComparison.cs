using System.Diagnostics;

namespace Migration.Equivalence;

/// <summary>
/// Runs a trace in one <see cref="ISharedSpaceWorld"/> and checks, at boot and after every step, that each IOMMU
/// attached to a shared space translates every address of the shared range as the space's mappings say: the same
/// physical address, the access the mapping asks for in the terms each format can express (<see cref="DeviceAccess"/>),
/// a fault where the space maps nothing; and that the IOMMU's TLB holds nothing its tables no longer say. The walk
/// goes entry by entry (a 16M supersection is one step, an empty first-level entry skips 1 MiB), so a whole range
/// costs its entries, not its pages.
/// </summary>
public static class CrossDeviceComparison
{
    /// <summary>
    /// Runs <paramref name="trace"/> of the cross-device <paramref name="scenario"/> and reports the first divergence
    /// <paramref name="judge"/> does not accept as documented (a documented one is accepted at its step, and the
    /// comparison starts again after the next step).
    /// </summary>
    public static EquivalenceReport Run(IScenario scenario, Trace trace, EquivalenceOptions? options = null, DivergenceJudge? judge = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(trace);
        options ??= new EquivalenceOptions();
        judge ??= new DivergenceJudge(scenario.ExpectedDivergences(trace, EquivalenceMode.Translation));
        var clock = Stopwatch.StartNew();
        if (scenario.CreatePorted() is not ISharedSpaceWorld world)
            throw new InvalidOperationException($"scenario {scenario.Name}: a cross-device scenario needs a world with shared spaces");
        world.Memory.WriteObserver = world.Tracker;
        var check = new Check(world);

        Divergence? divergence = Unexpected(judge, check.CompareAll(-1, "(boot)"));
        int stepsRun = 0;
        for (int i = 0; divergence is null && i < trace.Steps.Count; i++)
        {
            TraceStep step = trace.Steps[i];
            string text = step.ToString();
            world.Tracker.TakeWritten();
            world.Tracker.CurrentCall = $"step {i} ({text})";
            try
            {
                _ = world.Apply(step);
                divergence = Unexpected(judge, check.CompareAll(i, text));
            }
            catch (Exception e)
            {
                // One world, so nothing to agree with: any BUG() or model error is a failure of the run.
                divergence = new Divergence
                {
                    Step = i,
                    StepText = text,
                    Kind = DivergenceKind.Crash,
                    LegacyLabel = "expected",
                    Legacy = "the step completes",
                    PortedLabel = "world",
                    Ported = $"{e.GetType().Name}: {e.Message}",
                };
                divergence = Unexpected(judge, divergence);
            }
            stepsRun = i + 1;
            options.Progress?.Invoke(stepsRun, trace.Steps.Count);
        }

        IReadOnlyList<IntendedMapping> final = world.SharedSpaces.SelectMany(v => v.Mappings()).ToList();
        return new EquivalenceReport
        {
            Scenario = scenario.Name,
            Seed = trace.Seed,
            Mode = EquivalenceMode.Translation, // across formats only the translations can be the same, never the entries
            LegacyLabel = "reference",
            PortedLabel = "world",
            Legacy = "the shared spaces' own mappings (" + string.Join(", ", world.SharedSpaces.Select(v => $"{v.Name} [0x{v.Start:x8}, 0x{v.End:x9})")) + ")",
            Ported = world.Name,
            StepsTotal = trace.Steps.Count,
            StepsRun = stepsRun,
            MappingsCompared = check.MappingsCompared,
            PeakMappings = check.PeakMappings,
            FinalRuns = final.Count,
            FinalMappedBytes = (ulong)final.Sum(m => (long)m.Size),
            ReturnValueDifferences = 0,
            ElapsedMilliseconds = clock.ElapsedMilliseconds,
            Divergence = divergence,
            Documented = judge.Documented,
            DocumentedCount = judge.DocumentedCount,
            Missing = divergence is null ? judge.Missing() : [],
        };
    }

    private static Divergence? Unexpected(DivergenceJudge judge, Divergence? d) => d is not null && judge.Judge(d) is null ? d : null;

    /// <summary>True when <paramref name="actual"/> gives what <paramref name="intended"/> asks: write when asked, the byte order, the memory type where both say one.</summary>
    public static bool Meets(DeviceAccess actual, DeviceAccess intended) =>
        (!intended.Writable || actual.Writable)
        && actual.BigEndian == intended.BigEndian
        && (actual.Cached is null || intended.Cached is null || actual.Cached == intended.Cached);

    private sealed class Check(ISharedSpaceWorld world)
    {
        public long MappingsCompared { get; private set; }

        public int PeakMappings { get; private set; }

        public Divergence? CompareAll(int index, string text)
        {
            foreach (SharedSpaceView view in world.SharedSpaces)
            {
                IReadOnlyList<IntendedMapping> mappings = view.Mappings();
                PeakMappings = Math.Max(PeakMappings, mappings.Count);
                foreach (DeviceAddressSpace space in view.Attached())
                {
                    if ((CompareSpace(index, text, view, mappings, space) ?? CheckTlb(index, text, view, space)) is { } d)
                        return d;
                }
            }
            return null;
        }

        private Divergence? CompareSpace(int index, string text, SharedSpaceView view, IReadOnlyList<IntendedMapping> mappings, DeviceAddressSpace space)
        {
            uint root = space.Root();
            int next = 0; // the first mapping that ends after `at`
            ulong at = view.Start;
            while (at < view.End)
            {
                uint va = (uint)at;
                while (next < mappings.Count && (ulong)mappings[next].Iova + mappings[next].Size <= at)
                    next++;
                IntendedMapping? m = next < mappings.Count && mappings[next].Iova <= va ? mappings[next] : null;
                PageEntry e = default;
                uint granule = 0;
                bool mapped = root != 0 && space.Walker.Walk(root, va, out e, out granule);
                if (!mapped && m is null)
                {
                    ulong faultEnd = granule == 0 ? view.End : (at & ~((ulong)granule - 1)) + granule;
                    ulong nextStart = next < mappings.Count ? mappings[next].Iova : view.End;
                    at = Math.Min(Math.Min(faultEnd, nextStart), view.End);
                    continue;
                }
                if (mapped)
                    MappingsCompared++;
                if (m is not { } want || !mapped || e.Pa + (va - e.Iova) != want.Pa + (va - want.Iova) || !Meets(space.Walker.Access(e), want.Access))
                    return Describe(index, text, view, space, va, m, mapped ? e : null);
                ulong entryEnd = (ulong)e.Iova + e.Size, mappingEnd = (ulong)want.Iova + want.Size;
                at = Math.Min(Math.Min(entryEnd, mappingEnd), view.End);
            }
            return null;
        }

        private Divergence? CheckTlb(int index, string text, SharedSpaceView view, DeviceAddressSpace space)
        {
            if (space.Tlb is null)
                return null;
            uint root = space.Root();
            foreach (TlbMapping t in space.Tlb())
            {
                if (t.Iova < view.Start || t.Iova >= view.End)
                    continue;
                if (root != 0 && space.Walker.Walk(root, t.Iova, out PageEntry e, out _) && e.Pa + (t.Iova - e.Iova) == t.Pa)
                    continue;
                return new Divergence
                {
                    Step = index,
                    StepText = text,
                    Kind = DivergenceKind.Tlb,
                    Space = space.Name,
                    Iova = t.Iova,
                    LegacyLabel = $"{space.Name} tables",
                    Legacy = root != 0 && space.Walker.Walk(root, t.Iova, out PageEntry te, out _) ? te.Describe() : "unmapped",
                    PortedLabel = $"{space.Name} TLB",
                    Ported = $"TLB[{t.Index}] {PageEntry.SizeName(t.Size)} 0x{t.Iova:x8} -> 0x{t.Pa:x8}",
                };
            }
            return null;
        }

        private Divergence Describe(int index, string text, SharedSpaceView view, DeviceAddressSpace space, uint va, IntendedMapping? want, PageEntry? got) =>
            new()
            {
                Step = index,
                StepText = text,
                Kind = DivergenceKind.CrossDevice,
                Space = space.Name,
                Iova = va,
                LegacyLabel = $"shared space {view.Name}",
                Legacy = want is { } m ? $"{m.Describe()}: 0x{va:x8} -> 0x{m.Pa + (va - m.Iova):x8}" : "no mapping: the IOMMU must fault",
                PortedLabel = $"IOMMU {space.Name} ({space.Walker.Format})",
                Ported = got is { } e
                    ? $"{e.Describe()}: 0x{va:x8} -> 0x{e.Pa + (va - e.Iova):x8}, {space.Walker.Access(e).Describe()}"
                    : "unmapped (fault)",
                PortedWriter = got is { } w ? world.Tracker.WriterOf(w.DescriptorAddress) : null,
            };
    }
}
