using System.Diagnostics;
using Migration.Kernel;

namespace Migration.Equivalence;

/// <summary>
/// Runs a trace in a legacy and a ported world side by side and compares them after every step: return values and
/// device observations, then the device address spaces (only the 1 MiB slots whose table words the step wrote,
/// plus a whole comparison every <see cref="EquivalenceOptions.FullCompareEvery"/> steps and at the end), then the
/// hardware view (every valid TLB entry agrees with the tables).
/// </summary>
public static class EquivalenceEngine
{
    /// <summary>
    /// Runs <paramref name="trace"/> of <paramref name="scenario"/>: every divergence is judged against the scenario's
    /// documented differences; the run goes on past a documented one and stops at the first unexpected one.
    /// </summary>
    public static EquivalenceReport Run(IScenario scenario, Trace trace, EquivalenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(trace);
        options ??= new EquivalenceOptions();
        var judge = new DivergenceJudge(scenario.ExpectedDivergences(trace, options.Mode));
        if (scenario.CrossDevice)
            return CrossDeviceComparison.Run(scenario, trace, options, judge);
        if (scenario.Relocated)
            options = options with { Relocated = true };
        var clock = Stopwatch.StartNew();
        IEquivalenceWorld legacy = scenario.CreateLegacy();
        IEquivalenceWorld ported = scenario.CreatePorted();
        var run = new Comparison(scenario.Name, legacy, ported, options, judge, trackWrites: true);

        Divergence? divergence = run.CompareAll(-1, "(boot)");
        int stepsRun = 0;
        for (int i = 0; divergence is null && i < trace.Steps.Count; i++)
        {
            divergence = run.Step(i, trace.Steps[i]);
            stepsRun = i + 1;
            if (divergence is null && options.FullCompareEvery > 0 && (i + 1) % options.FullCompareEvery == 0)
                divergence = run.CompareAll(i, trace.Steps[i].ToString());
            options.Progress?.Invoke(stepsRun, trace.Steps.Count);
        }
        if (divergence is null && trace.Steps.Count > 0)
            divergence = run.CompareAll(trace.Steps.Count - 1, trace.Steps[^1].ToString());

        List<TranslationRun> finalRuns = run.LegacyImages.Count == 0 ? [] : run.LegacyImages.SelectMany(img => img.Runs()).ToList();
        return new EquivalenceReport
        {
            Scenario = scenario.Name,
            Seed = trace.Seed,
            Mode = options.Mode,
            Legacy = legacy.Name,
            Ported = ported.Name,
            StepsTotal = trace.Steps.Count,
            StepsRun = stepsRun,
            MappingsCompared = run.MappingsCompared,
            PeakMappings = run.PeakMappings,
            FinalRuns = finalRuns.Count,
            FinalMappedBytes = TranslationMap.MappedBytes(finalRuns),
            ReturnValueDifferences = run.AcceptedReturnDifferences,
            ElapsedMilliseconds = clock.ElapsedMilliseconds,
            Divergence = divergence,
            Documented = judge.Documented,
            DocumentedCount = judge.DocumentedCount,
            // A run cut short by an unexpected divergence cannot tell which documented ones were still to come.
            Missing = divergence is null ? judge.Missing() : [],
        };
    }

    /// <summary>
    /// Compares two worlds as they are now, every address space whole (the comparison a run does every
    /// <see cref="EquivalenceOptions.FullCompareEvery"/> steps and at its end), with nothing documented: the first
    /// divergence, or null when they agree. Leaves the worlds' write observers as they were.
    /// </summary>
    public static Divergence? CompareNow(IEquivalenceWorld legacy, IEquivalenceWorld ported, EquivalenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(legacy);
        ArgumentNullException.ThrowIfNull(ported);
        var run = new Comparison($"{legacy.Name} vs {ported.Name}", legacy, ported, options ?? new EquivalenceOptions(), new DivergenceJudge([]), trackWrites: false);
        return run.CompareAll(-1, "(now)");
    }

    /// <summary>The state of one comparison: both worlds, their images and the running counts.</summary>
    private sealed class Comparison
    {
        private readonly IEquivalenceWorld _legacy;
        private readonly IEquivalenceWorld _ported;
        private readonly EquivalenceOptions _options;
        private readonly DivergenceJudge _judge;
        private readonly List<AddressSpaceImage> _portedImages = new();
        private readonly DirtyWindows _dirty = new();
        private readonly List<TranslationRun> _leftRuns = new();
        private readonly List<TranslationRun> _rightRuns = new();
        private readonly List<PageEntry> _leftEntries = new();
        private readonly List<PageEntry> _rightEntries = new();

        public Comparison(string name, IEquivalenceWorld legacy, IEquivalenceWorld ported, EquivalenceOptions options, DivergenceJudge judge, bool trackWrites)
        {
            _legacy = legacy;
            _ported = ported;
            _options = options;
            _judge = judge;
            if (legacy.Spaces.Count != ported.Spaces.Count)
                throw new InvalidOperationException($"scenario {name}: the worlds expose {legacy.Spaces.Count} and {ported.Spaces.Count} address spaces");
            for (int k = 0; k < legacy.Spaces.Count; k++)
            {
                if (legacy.Spaces[k].Name != ported.Spaces[k].Name)
                    throw new InvalidOperationException($"scenario {name}: space {k} is '{legacy.Spaces[k].Name}' in one world and '{ported.Spaces[k].Name}' in the other");
                LegacyImages.Add(new AddressSpaceImage(legacy.Spaces[k], legacy.Identity));
                _portedImages.Add(new AddressSpaceImage(ported.Spaces[k], ported.Identity));
            }
            if (options.Relocated && (legacy is not IClientBufferView || ported is not IClientBufferView))
                throw new InvalidOperationException($"scenario {name}: a relocated comparison needs worlds that list their client buffers");
            if (trackWrites)
            {
                legacy.Memory.WriteObserver = legacy.Tracker;
                ported.Memory.WriteObserver = ported.Tracker;
            }
        }

        public List<AddressSpaceImage> LegacyImages { get; } = new();

        public long MappingsCompared { get; private set; }

        public int PeakMappings { get; private set; }

        public int AcceptedReturnDifferences { get; private set; }

        /// <summary>Runs one step in both worlds and compares them; returns the first unexpected divergence, or null.</summary>
        public Divergence? Step(int index, TraceStep step)
        {
            string text = step.ToString();
            _legacy.Tracker.TakeWritten();
            _ported.Tracker.TakeWritten();
            string call = $"step {index} ({text})";
            _legacy.Tracker.CurrentCall = call;
            _ported.Tracker.CurrentCall = call;
            (StepOutcome? left, Exception? leftError) = Apply(_legacy, step);
            (StepOutcome? right, Exception? rightError) = Apply(_ported, step);
            if (leftError is not null || rightError is not null)
            {
                // Only the same BUG() site in both worlds is agreement; any other exception, or one world only, is a crash.
                if (!SameBug(leftError, rightError))
                {
                    var crash = new Divergence { Step = index, StepText = text, Kind = DivergenceKind.Crash, Legacy = Describe(left, leftError), Ported = Describe(right, rightError) };
                    if (_judge.Judge(crash) is null)
                        return crash;
                }
                // A crashed world has no outcome to compare; its tables still are compared below.
                left = right = StepOutcome.Of(long.MinValue);
            }

            if (CompareOutcomes(index, text, left!, right!) is { } outcome)
                return outcome;

            for (int k = 0; k < LegacyImages.Count; k++)
            {
                AddressSpaceImage a = LegacyImages[k], b = _portedImages[k];
                _dirty.Clear();
                bool sameRootA = a.CollectDirty(_legacy.Tracker.Written, _dirty);
                bool sameRootB = b.CollectDirty(_ported.Tracker.Written, _dirty);
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
                if (!_options.Relocated && CompareDirty(index, text, a, b) is { } d)
                    return d;
                if ((CheckTlb(index, text, a, _legacy) ?? CheckTlb(index, text, b, _ported)) is { } tlb)
                    return tlb;
            }
            return _options.Relocated ? CompareBuffers(index, text) : null;
        }

        public Divergence? CompareAll(int index, string text)
        {
            for (int k = 0; k < LegacyImages.Count; k++)
            {
                LegacyImages[k].RefreshAll();
                _portedImages[k].RefreshAll();
                PeakMappings = Math.Max(PeakMappings, LegacyImages[k].EntryCount);
                if (!_options.Relocated && CompareSlots(index, text, LegacyImages[k], _portedImages[k], AllSlots) is { } d)
                    return d;
            }
            return _options.Relocated ? CompareBuffers(index, text) : null;
        }

        // Return values, then what the device observed access by access.
        private Divergence? CompareOutcomes(int index, string text, StepOutcome left, StepOutcome right)
        {
            if (left.Value != right.Value && !_options.Relocated)
            {
                var d = new Divergence
                {
                    Step = index, StepText = text, Kind = DivergenceKind.ReturnValue,
                    Legacy = left.Describe(), Ported = right.Describe(), LegacyValue = left.Value, PortedValue = right.Value,
                };
                if (!_options.CompareReturnValues)
                    AcceptedReturnDifferences++;
                else if (_judge.Judge(d) is null)
                    return d;
            }
            for (int k = 0; k < Math.Max(left.Observed.Count, right.Observed.Count); k++)
            {
                string l = k < left.Observed.Count ? left.Observed[k] : "(no access)";
                string r = k < right.Observed.Count ? right.Observed[k] : "(no access)";
                if (l == r)
                    continue;
                var d = new Divergence { Step = index, StepText = text, Kind = DivergenceKind.DeviceAccess, Legacy = l, Ported = r };
                if (_judge.Judge(d) is null)
                    return d;
            }
            return null;
        }

        // Buffer by buffer: the same keys live in both worlds, and each translates identically at every offset from
        // its own device address; in strict mode also through the same sequence of page sizes.
        private Divergence? CompareBuffers(int index, string text)
        {
            IReadOnlyList<ClientBuffer> left = ((IClientBufferView)_legacy).LiveBuffers;
            IReadOnlyList<ClientBuffer> right = ((IClientBufferView)_ported).LiveBuffers;
            for (int i = 0; i < Math.Max(left.Count, right.Count); i++)
            {
                ClientBuffer? x = i < left.Count ? left[i] : null, y = i < right.Count ? right[i] : null;
                if (x is not { } bx || y is not { } by || bx.Key != by.Key || bx.Length != by.Length || bx.Space != by.Space)
                {
                    var missing = new Divergence
                    {
                        Step = index,
                        StepText = text,
                        Kind = DivergenceKind.Translation,
                        Legacy = x is { } lx ? $"buffer {lx.Key} (0x{lx.Length:x} bytes at 0x{lx.Da:x8})" : "(no such buffer)",
                        Ported = y is { } ry ? $"buffer {ry.Key} (0x{ry.Length:x} bytes at 0x{ry.Da:x8})" : "(no such buffer)",
                    };
                    if (_judge.Judge(missing) is null)
                        return missing;
                    continue;
                }
                if (CompareBuffer(index, text, bx, by) is { } d)
                    return d;
            }
            return null;
        }

        private Divergence? CompareBuffer(int index, string text, ClientBuffer bx, ClientBuffer by)
        {
            AddressSpaceImage a = ImageOf(LegacyImages, bx.Space), b = ImageOf(_portedImages, by.Space);
            _leftRuns.Clear();
            _rightRuns.Clear();
            _leftEntries.Clear();
            _rightEntries.Clear();
            a.AppendRelativeRuns(bx.Da, bx.Length, _leftRuns, _leftEntries);
            b.AppendRelativeRuns(by.Da, by.Length, _rightRuns, _rightEntries);
            MappingsCompared += _leftEntries.Count;
            ulong from = 0;
            while (TranslationMap.FirstDifference(_leftRuns, _rightRuns, from) is { } t)
            {
                Divergence d = DescribeBuffer(index, text, DivergenceKind.Translation, a, b, bx, by, t.Iova);
                if (_judge.Judge(d, (ulong)t.Iova + 0x1000) is not { } resume)
                    return d;
                from = resume;
            }
            if (_options.Mode != EquivalenceMode.Strict)
                return null;
            for (int e = 0; e < Math.Max(_leftEntries.Count, _rightEntries.Count); e++)
            {
                if (e < _leftEntries.Count && e < _rightEntries.Count && _leftEntries[e].Size == _rightEntries[e].Size)
                    continue;
                uint off = e < _leftEntries.Count
                    ? Math.Max(_leftEntries[e].Iova, bx.Da) - bx.Da
                    : Math.Max(_rightEntries[e].Iova, by.Da) - by.Da;
                Divergence d = DescribeBuffer(index, text, DivergenceKind.Entries, a, b, bx, by, off);
                // The translations of the whole buffer agreed above; a documented choice of other page sizes covers the buffer.
                return _judge.Judge(d) is null ? d : null;
            }
            return null;
        }

        private Divergence DescribeBuffer(int index, string text, DivergenceKind kind, AddressSpaceImage a, AddressSpaceImage b, ClientBuffer bx, ClientBuffer by, uint off)
        {
            PageEntry? pl = a.EntryAt(bx.Da + off), pr = b.EntryAt(by.Da + off);
            return new Divergence
            {
                Step = index,
                StepText = text,
                Kind = kind,
                Space = bx.Space,
                Iova = bx.Da + off,
                Legacy = $"{bx.Key}+0x{off:x} at 0x{bx.Da + off:x8}: {Side(pl, a.Identity, bx.Da + off)}",
                Ported = $"{by.Key}+0x{off:x} at 0x{by.Da + off:x8}: {Side(pr, b.Identity, by.Da + off)}",
                LegacyPageSize = pl?.Size ?? 0,
                PortedPageSize = pr?.Size ?? 0,
                LegacyAttributes = pl?.Attributes,
                PortedAttributes = pr?.Attributes,
                SamePhysicalPage = pl is { } ql && pr is { } qr
                    && a.Identity.Resolve(ql.Pa + (bx.Da + off - ql.Iova)) == b.Identity.Resolve(qr.Pa + (by.Da + off - qr.Iova)),
                LegacyWriter = pl is { } el ? _legacy.Tracker.WriterOf(el.DescriptorAddress) : null,
                PortedWriter = pr is { } er ? _ported.Tracker.WriterOf(er.DescriptorAddress) : null,
            };
        }

        private static AddressSpaceImage ImageOf(List<AddressSpaceImage> images, string space) =>
            images.Find(i => i.Space.Name == space) ?? throw new InvalidOperationException($"no address space '{space}'");

        private static readonly int[] AllSlots = Enumerable.Range(0, AddressSpaceImage.SlotCount).ToArray();

        private Divergence? CompareSlots(int index, string text, AddressSpaceImage a, AddressSpaceImage b, IEnumerable<int> slots)
        {
            foreach (int s in slots)
            {
                uint slotBase = (uint)s << 20;
                if (CompareRange(index, text, a, b, s, slotBase, slotBase + 0x100000UL) is { } d)
                    return d;
            }
            return null;
        }

        // The parts of each dirty slot the step wrote: the whole slot, or its dirty 64 KiB windows.
        private Divergence? CompareDirty(int index, string text, AddressSpaceImage a, AddressSpaceImage b)
        {
            foreach (int s in _dirty.Slots)
            {
                ushort mask = _dirty.MaskOf(s);
                uint slotBase = (uint)s << 20;
                for (int w = 0; w < 16; w++)
                {
                    if (mask == DirtyWindows.WholeSlot)
                    {
                        if (CompareRange(index, text, a, b, s, slotBase, slotBase + 0x100000UL) is { } whole)
                            return whole;
                        break;
                    }
                    if ((mask & (1 << w)) == 0)
                        continue;
                    uint from = slotBase + ((uint)w << 16);
                    if (CompareRange(index, text, a, b, s, from, from + (ulong)DirtyWindows.WindowSize) is { } d)
                        return d;
                }
            }
            return null;
        }

        private Divergence? CompareRange(int index, string text, AddressSpaceImage a, AddressSpaceImage b, int slot, uint start, ulong end)
        {
            int left = a.EntriesIn(slot, start, end).Length, right = b.EntriesIn(slot, start, end).Length;
            MappingsCompared += left;
            if (left == 0 && right == 0)
                return null;
            // Translations first, in strict mode too: a documented choice of other entries claims they agree, and a
            // documented translation difference excludes its range from the entry comparison.
            _leftRuns.Clear();
            _rightRuns.Clear();
            a.AppendRuns(slot, start, end, _leftRuns);
            b.AppendRuns(slot, start, end, _rightRuns);
            ulong from = start;
            while (TranslationMap.FirstDifference(_leftRuns, _rightRuns, from) is { } t)
            {
                if (Resume(index, text, DivergenceKind.Translation, a, b, t.Iova, out Divergence? unexpected) is not { } resume)
                    return unexpected;
                from = resume;
            }
            return _options.Mode == EquivalenceMode.Strict ? CompareEntries(index, text, a, b, slot, start, end) : null;
        }

        private Divergence? CompareEntries(int index, string text, AddressSpaceImage a, AddressSpaceImage b, int slot, uint start, ulong end)
        {
            ReadOnlySpan<PageEntry> x = a.EntriesIn(slot, start, end), y = b.EntriesIn(slot, start, end);
            int i = 0, j = 0;
            while (i < x.Length || j < y.Length)
            {
                if (i < x.Length && j < y.Length && SameEntry(x[i], y[j], a.Identity, b.Identity))
                {
                    i++;
                    j++;
                    continue;
                }
                uint at = i >= x.Length ? y[j].Iova : j >= y.Length ? x[i].Iova : Math.Min(x[i].Iova, y[j].Iova);
                at = Math.Max(at, start);
                if (Resume(index, text, DivergenceKind.Entries, a, b, at, out Divergence? unexpected) is not { } resume)
                    return unexpected;
                while (i < x.Length && x[i].Iova < resume)
                    i++;
                while (j < y.Length && y[j].Iova < resume)
                    j++;
            }
            return null;
        }

        // Where a comparison of `kind` goes on after a difference at `iova`: past an excluded range, past a documented
        // difference; null (with the divergence) when the difference is unexpected.
        private ulong? Resume(int index, string text, DivergenceKind kind, AddressSpaceImage a, AddressSpaceImage b, uint iova, out Divergence? unexpected)
        {
            unexpected = null;
            ulong excluded = _judge.ExcludedUntil(kind, a.Space.Name, iova);
            if (excluded > iova)
                return excluded;
            Divergence d = Describe(index, text, kind, a, b, iova);
            // Entries are naturally aligned, so each side's entry ends at the next multiple of its size (a 4K granule when unmapped).
            ulong covered = Math.Max(EntryEnd(iova, d.LegacyPageSize ?? 0), EntryEnd(iova, d.PortedPageSize ?? 0));
            ulong? resume = _judge.Judge(d, covered);
            if (resume is null)
                unexpected = d;
            return resume;
        }

        private static ulong EntryEnd(uint iova, uint size)
        {
            ulong granule = size == 0 ? 0x1000UL : size;
            return (iova & ~(granule - 1)) + granule;
        }

        // Same page, same size and level, same physical identity and the same descriptor bits below the address
        // field (type, attributes): the L2 table's own address is not compared, only its contents.
        private static bool SameEntry(in PageEntry p, in PageEntry q, PhysicalIdentity ip, PhysicalIdentity iq) =>
            p.Iova == q.Iova && p.Size == q.Size && p.Level == q.Level && p.Attributes == q.Attributes
            && (p.Descriptor & (p.Size - 1)) == (q.Descriptor & (q.Size - 1))
            && ip.Resolve(p.Pa) == iq.Resolve(q.Pa);

        private Divergence? CheckTlb(int index, string text, AddressSpaceImage image, IEquivalenceWorld world)
        {
            if (image.Space.Tlb is null)
                return null;
            foreach (TlbMapping t in image.Space.Tlb())
            {
                PageEntry? e = image.EntryAt(t.Iova);
                if (e is { } entry && entry.Pa + (t.Iova - entry.Iova) == t.Pa)
                    continue;
                if (_judge.ExcludedUntil(DivergenceKind.Tlb, image.Space.Name, t.Iova) > t.Iova)
                    continue;
                string tlb = $"TLB[{t.Index}] {PageEntry.SizeName(t.Size)} 0x{t.Iova:x8} -> 0x{t.Pa:x8}";
                string table = e is { } te ? te.Describe() : "unmapped in the table";
                bool isLegacy = ReferenceEquals(world, _legacy);
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
                if (_judge.Judge(d) is null)
                    return d;
            }
            return null;
        }

        private Divergence Describe(int index, string text, DivergenceKind kind, AddressSpaceImage a, AddressSpaceImage b, uint iova)
        {
            PageEntry? x = a.EntryAt(iova), y = b.EntryAt(iova);
            return new Divergence
            {
                Step = index,
                StepText = text,
                Kind = kind,
                Space = a.Space.Name,
                Iova = iova,
                Legacy = Side(x, a.Identity, iova),
                Ported = Side(y, b.Identity, iova),
                LegacyPageSize = x?.Size ?? 0,
                PortedPageSize = y?.Size ?? 0,
                LegacyAttributes = x?.Attributes,
                PortedAttributes = y?.Attributes,
                SamePhysicalPage = x is { } px && y is { } py
                    && a.Identity.Resolve(px.Pa + (iova - px.Iova)) == b.Identity.Resolve(py.Pa + (iova - py.Iova)),
                LegacyWriter = x is { } ex ? _legacy.Tracker.WriterOf(ex.DescriptorAddress) : null,
                PortedWriter = y is { } ey ? _ported.Tracker.WriterOf(ey.DescriptorAddress) : null,
            };
        }

        private static string Side(PageEntry? e, PhysicalIdentity identity, uint iova) =>
            e is { } p ? $"{p.Describe()} -> {PhysicalIdentity.Format(identity.Resolve(p.Pa + (iova - p.Iova)))}" : "unmapped (fault)";

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
}
