using Migration.Kernel;

namespace Migration.Equivalence;

/// <summary>
/// One run of a legacy and a ported world side by side: both worlds, their images and the running counts. Each step
/// runs in both worlds; return values and device observations are compared, what the step wrote is re-read, the
/// hardware view is checked, and the <see cref="TwoWorldComparison"/> compares the tables.
/// </summary>
internal sealed class TwoWorldRun
{
    private readonly TwoWorldComparison _comparison;
    private readonly EquivalenceOptions _options;
    private readonly DirtyWindows _dirty = new();

    /// <summary>Images of both worlds' spaces (which must have the same names in the same order); with <paramref name="trackWrites"/> the worlds' table writes are observed.</summary>
    public TwoWorldRun(string name, TwoWorldComparison comparison, IEquivalenceWorld legacy, IEquivalenceWorld ported, EquivalenceOptions options, DivergenceJudge judge, bool trackWrites)
    {
        _comparison = comparison;
        _options = options;
        Legacy = legacy;
        Ported = ported;
        Judge = judge;
        if (legacy.Spaces.Count != ported.Spaces.Count)
            throw new InvalidOperationException($"scenario {name}: the worlds expose {legacy.Spaces.Count} and {ported.Spaces.Count} address spaces");
        for (int k = 0; k < legacy.Spaces.Count; k++)
        {
            if (legacy.Spaces[k].Name != ported.Spaces[k].Name)
                throw new InvalidOperationException($"scenario {name}: space {k} is '{legacy.Spaces[k].Name}' in one world and '{ported.Spaces[k].Name}' in the other");
            LegacyImages.Add(new AddressSpaceImage(legacy.Spaces[k], legacy.Identity));
            PortedImages.Add(new AddressSpaceImage(ported.Spaces[k], ported.Identity));
        }
        comparison.CheckWorlds(name, legacy, ported);
        if (trackWrites)
        {
            legacy.Memory.WriteObserver = legacy.Tracker;
            ported.Memory.WriteObserver = ported.Tracker;
        }
    }

    /// <summary>Every 1 MiB slot of a 32-bit space, in order.</summary>
    public static readonly int[] AllSlots = Enumerable.Range(0, AddressSpaceImage.SlotCount).ToArray();

    /// <summary>The legacy world.</summary>
    public IEquivalenceWorld Legacy { get; }

    /// <summary>The ported world.</summary>
    public IEquivalenceWorld Ported { get; }

    /// <summary>Judges every divergence against the scenario's documented differences.</summary>
    public DivergenceJudge Judge { get; }

    /// <summary>Translation or strict.</summary>
    public EquivalenceMode Mode => _options.Mode;

    /// <summary>The legacy world's spaces as last read, in the worlds' order.</summary>
    public List<AddressSpaceImage> LegacyImages { get; } = new();

    /// <summary>The ported world's spaces as last read, in the same order.</summary>
    public List<AddressSpaceImage> PortedImages { get; } = new();

    /// <summary>Scratch list of the legacy side's runs, reused so that comparing allocates nothing per step.</summary>
    public List<TranslationRun> LeftRuns { get; } = new();

    /// <summary>Scratch list of the ported side's runs.</summary>
    public List<TranslationRun> RightRuns { get; } = new();

    /// <summary>Scratch list of the legacy side's entries.</summary>
    public List<PageEntry> LeftEntries { get; } = new();

    /// <summary>Scratch list of the ported side's entries.</summary>
    public List<PageEntry> RightEntries { get; } = new();

    /// <summary>Legacy entries compared so far.</summary>
    public long MappingsCompared { get; set; }

    /// <summary>The most legacy entries one space held when compared.</summary>
    public int PeakMappings { get; private set; }

    /// <summary>Differing return values let pass because the options do not compare them.</summary>
    public int AcceptedReturnDifferences { get; private set; }

    /// <summary>Runs one step in both worlds and compares them; returns the first unexpected divergence, or null.</summary>
    public Divergence? Step(int index, TraceStep step)
    {
        string text = step.ToString();
        Legacy.Tracker.TakeWritten();
        Ported.Tracker.TakeWritten();
        string call = $"step {index} ({text})";
        Legacy.Tracker.CurrentCall = call;
        Ported.Tracker.CurrentCall = call;
        (StepOutcome? left, Exception? leftError) = Apply(Legacy, step);
        (StepOutcome? right, Exception? rightError) = Apply(Ported, step);
        if (leftError is not null || rightError is not null)
        {
            // Only the same BUG() site in both worlds is agreement; any other exception, or one world only, is a crash.
            if (!SameBug(leftError, rightError))
            {
                var crash = new Divergence { Step = index, StepText = text, Kind = DivergenceKind.Crash, Legacy = Describe(left, leftError), Ported = Describe(right, rightError) };
                if (Judge.Judge(crash) is null)
                    return crash;
            }
            // A crashed world has no outcome to compare; its tables still are compared below.
            left = right = StepOutcome.Of(long.MinValue);
        }

        if (CompareOutcomes(index, text, left!, right!) is { } outcome)
            return outcome;

        for (int k = 0; k < LegacyImages.Count; k++)
        {
            AddressSpaceImage a = LegacyImages[k], b = PortedImages[k];
            _dirty.Clear();
            bool sameRootA = a.CollectDirty(Legacy.Tracker.Written, _dirty);
            bool sameRootB = b.CollectDirty(Ported.Tracker.Written, _dirty);
            if (!sameRootA || !sameRootB)
            {
                a.RefreshAll();
                b.RefreshAll();
                _dirty.Clear();
                foreach (int slot in AllSlots)
                    _dirty.MarkSlot(slot);
            }
            else
            {
                // Only what the step wrote, in either world, is re-read and compared: the rest is as it was when it
                // was last compared (and every FullCompareEvery steps all of it is compared again).
                foreach (int slot in _dirty.Slots)
                {
                    a.Refresh(slot, _dirty.MaskOf(slot));
                    b.Refresh(slot, _dirty.MaskOf(slot));
                }
            }
            PeakMappings = Math.Max(PeakMappings, a.EntryCount);
            if (_comparison.CompareWritten(this, index, text, a, b, _dirty) is { } d)
                return d;
            if ((CheckTlb(index, text, a, Legacy) ?? CheckTlb(index, text, b, Ported)) is { } tlb)
                return tlb;
        }
        return _comparison.CompareWorlds(this, index, text);
    }

    /// <summary>Re-reads every space of both worlds and compares them whole; the first unexpected divergence, or null.</summary>
    public Divergence? CompareAll(int index, string text)
    {
        for (int k = 0; k < LegacyImages.Count; k++)
        {
            LegacyImages[k].RefreshAll();
            PortedImages[k].RefreshAll();
            PeakMappings = Math.Max(PeakMappings, LegacyImages[k].EntryCount);
            if (_comparison.CompareWhole(this, index, text, LegacyImages[k], PortedImages[k]) is { } d)
                return d;
        }
        return _comparison.CompareWorlds(this, index, text);
    }

    // Return values, then what the device observed access by access.
    private Divergence? CompareOutcomes(int index, string text, StepOutcome left, StepOutcome right)
    {
        if (left.Value != right.Value && _comparison.ComparesReturnValues)
        {
            var d = new Divergence
            {
                Step = index, StepText = text, Kind = DivergenceKind.ReturnValue,
                Legacy = left.Describe(), Ported = right.Describe(), LegacyValue = left.Value, PortedValue = right.Value,
            };
            if (!_options.CompareReturnValues)
                AcceptedReturnDifferences++;
            else if (Judge.Judge(d) is null)
                return d;
        }
        for (int k = 0; k < Math.Max(left.Observed.Count, right.Observed.Count); k++)
        {
            string l = k < left.Observed.Count ? left.Observed[k] : "(no access)";
            string r = k < right.Observed.Count ? right.Observed[k] : "(no access)";
            if (l == r)
                continue;
            var d = new Divergence { Step = index, StepText = text, Kind = DivergenceKind.DeviceAccess, Legacy = l, Ported = r };
            if (Judge.Judge(d) is null)
                return d;
        }
        return null;
    }

    private Divergence? CheckTlb(int index, string text, AddressSpaceImage image, IEquivalenceWorld world)
    {
        if (image.Space.Tlb is null)
            return null;
        foreach (TlbMapping t in image.Space.Tlb())
        {
            PageEntry? e = image.EntryAt(t.Iova);
            if (e is { } entry && entry.Pa + (t.Iova - entry.Iova) == t.Pa)
                continue;
            if (Judge.ExcludedUntil(DivergenceKind.Tlb, image.Space.Name, t.Iova) > t.Iova)
                continue;
            string tlb = $"TLB[{t.Index}] {PageEntry.SizeName(t.Size)} 0x{t.Iova:x8} -> 0x{t.Pa:x8}";
            string table = e is { } te ? te.Describe() : "unmapped in the table";
            bool isLegacy = ReferenceEquals(world, Legacy);
            var d = new Divergence
            {
                Step = index,
                StepText = text,
                Kind = DivergenceKind.Tlb,
                Space = image.Space.Name,
                Iova = t.Iova,
                Legacy = isLegacy ? $"{tlb}, table: {table}" : "(consistent)",
                Ported = isLegacy ? "(consistent)" : $"{tlb}, table: {table}",
                LegacyPageSize = isLegacy ? t.Size : 0,
                PortedPageSize = isLegacy ? 0 : t.Size,
            };
            if (Judge.Judge(d) is null)
                return d;
        }
        return null;
    }

    private static bool SameBug(Exception? left, Exception? right) =>
        left is KernelBugException l && right is KernelBugException r && l.Site == r.Site;

    private static (StepOutcome?, Exception?) Apply(IEquivalenceWorld world, TraceStep step)
    {
        try
        {
            return (world.Apply(step), null);
        }
        catch (Exception e)
        {
            return (null, e); // judged as a Crash unless both worlds hit the same BUG() site
        }
    }

    private static string Describe(StepOutcome? outcome, Exception? error) =>
        error is null ? outcome!.Describe() : $"{error.GetType().Name}: {error.Message}";
}
