using System.Diagnostics;

namespace Migration.Equivalence;

/// <summary>
/// Runs a trace in a legacy and a ported world side by side and compares them after every step: return values and
/// device observations, then the device address spaces (only the 1 MiB slots whose table words the step wrote,
/// plus a whole comparison every <see cref="EquivalenceOptions.FullCompareEvery"/> steps and at the end), then the
/// hardware view (every valid TLB entry agrees with the tables).
/// </summary>
public static class EquivalenceEngine
{
    /// <summary>Runs <paramref name="trace"/> of <paramref name="scenario"/> and reports the first divergence.</summary>
    public static EquivalenceReport Run(IScenario scenario, Trace trace, EquivalenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(trace);
        options ??= new EquivalenceOptions();
        if (scenario.CrossDevice)
            return CrossDeviceComparison.Run(scenario, trace, options);
        if (scenario.Relocated)
            options = options with { Relocated = true };
        var clock = Stopwatch.StartNew();
        IEquivalenceWorld legacy = scenario.CreateLegacy();
        IEquivalenceWorld ported = scenario.CreatePorted();
        var run = new Comparison(scenario, legacy, ported, options);

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
        if (divergence is not null && scenario.KnownDifference(divergence) is { } reference)
            divergence = divergence with { Reference = reference };

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
        };
    }

    /// <summary>The state of one comparison: both worlds, their images and the running counts.</summary>
    private sealed class Comparison
    {
        private readonly IScenario _scenario;
        private readonly IEquivalenceWorld _legacy;
        private readonly IEquivalenceWorld _ported;
        private readonly EquivalenceOptions _options;
        private readonly List<AddressSpaceImage> _portedImages = new();
        private readonly HashSet<int> _dirty = new();
        private readonly List<TranslationRun> _leftRuns = new();
        private readonly List<TranslationRun> _rightRuns = new();
        private readonly List<PageEntry> _leftEntries = new();
        private readonly List<PageEntry> _rightEntries = new();

        public Comparison(IScenario scenario, IEquivalenceWorld legacy, IEquivalenceWorld ported, EquivalenceOptions options)
        {
            _scenario = scenario;
            _legacy = legacy;
            _ported = ported;
            _options = options;
            if (legacy.Spaces.Count != ported.Spaces.Count)
                throw new InvalidOperationException($"scenario {scenario.Name}: the worlds expose {legacy.Spaces.Count} and {ported.Spaces.Count} address spaces");
            for (int k = 0; k < legacy.Spaces.Count; k++)
            {
                if (legacy.Spaces[k].Name != ported.Spaces[k].Name)
                    throw new InvalidOperationException($"scenario {scenario.Name}: space {k} is '{legacy.Spaces[k].Name}' in one world and '{ported.Spaces[k].Name}' in the other");
                LegacyImages.Add(new AddressSpaceImage(legacy.Spaces[k], legacy.Identity));
                _portedImages.Add(new AddressSpaceImage(ported.Spaces[k], ported.Identity));
            }
            if (options.Relocated && (legacy is not IClientBufferView || ported is not IClientBufferView))
                throw new InvalidOperationException($"scenario {scenario.Name}: a relocated comparison needs worlds that list their client buffers");
            legacy.Memory.WriteObserver = legacy.Tracker;
            ported.Memory.WriteObserver = ported.Tracker;
        }

        public List<AddressSpaceImage> LegacyImages { get; } = new();

        public long MappingsCompared { get; private set; }

        public int PeakMappings { get; private set; }

        public int AcceptedReturnDifferences { get; private set; }

        public Divergence? Step(int index, TraceStep step)
        {
            string text = step.ToString();
            _legacy.Tracker.TakeWritten();
            _ported.Tracker.TakeWritten();
            _legacy.Tracker.CurrentCall = $"step {index} ({text})";
            _ported.Tracker.CurrentCall = $"step {index} ({text})";
            // A BUG() (or a model error) is an outcome too: both worlds hitting the same one agree.
            (StepOutcome? left, Exception? leftError) = Apply(_legacy, step);
            (StepOutcome? right, Exception? rightError) = Apply(_ported, step);
            if (leftError is not null || rightError is not null)
            {
                if (leftError is null || rightError is null || leftError.GetType() != rightError.GetType() || leftError.Message != rightError.Message)
                    return new Divergence { Step = index, StepText = text, Kind = DivergenceKind.Crash, Legacy = Describe(left, leftError), Ported = Describe(right, rightError) };
                left = right = StepOutcome.Of(long.MinValue);
            }

            if (left!.Value != right!.Value && !_options.Relocated)
            {
                var d = new Divergence { Step = index, StepText = text, Kind = DivergenceKind.ReturnValue, Legacy = left.Describe(), Ported = right.Describe() };
                if (_options.CompareReturnValues)
                    return d;
                AcceptedReturnDifferences++;
            }
            for (int k = 0; k < Math.Max(left.Observed.Count, right.Observed.Count); k++)
            {
                string l = k < left.Observed.Count ? left.Observed[k] : "(no access)";
                string r = k < right.Observed.Count ? right.Observed[k] : "(no access)";
                if (l != r)
                    return new Divergence { Step = index, StepText = text, Kind = DivergenceKind.DeviceAccess, Legacy = l, Ported = r };
            }

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
                    PeakMappings = Math.Max(PeakMappings, a.EntryCount);
                    if (!_options.Relocated && CompareSlots(index, text, a, b, AllSlots) is { } whole)
                        return whole;
                }
                else
                {
                    foreach (int s in _dirty)
                    {
                        a.Refresh(s);
                        b.Refresh(s);
                    }
                    PeakMappings = Math.Max(PeakMappings, a.EntryCount);
                    if (!_options.Relocated && CompareSlots(index, text, a, b, _dirty) is { } d)
                        return d;
                }
                PeakMappings = Math.Max(PeakMappings, a.EntryCount);
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
                    return new Divergence
                    {
                        Step = index,
                        StepText = text,
                        Kind = DivergenceKind.Translation,
                        Legacy = x is { } lx ? $"buffer {lx.Key} (0x{lx.Length:x} bytes at 0x{lx.Da:x8})" : "(no such buffer)",
                        Ported = y is { } ry ? $"buffer {ry.Key} (0x{ry.Length:x} bytes at 0x{ry.Da:x8})" : "(no such buffer)",
                    };
                }
                AddressSpaceImage a = ImageOf(LegacyImages, bx.Space), b = ImageOf(_portedImages, by.Space);
                _leftRuns.Clear();
                _rightRuns.Clear();
                _leftEntries.Clear();
                _rightEntries.Clear();
                a.AppendRelativeRuns(bx.Da, bx.Length, _leftRuns, _leftEntries);
                b.AppendRelativeRuns(by.Da, by.Length, _rightRuns, _rightEntries);
                MappingsCompared += _leftEntries.Count;
                uint? offset = TranslationMap.FirstDifference(_leftRuns, _rightRuns)?.Iova;
                DivergenceKind kind = DivergenceKind.Translation;
                if (offset is null && _options.Mode == EquivalenceMode.Strict)
                {
                    for (int e = 0; e < Math.Max(_leftEntries.Count, _rightEntries.Count); e++)
                    {
                        if (e < _leftEntries.Count && e < _rightEntries.Count && _leftEntries[e].Size == _rightEntries[e].Size)
                            continue;
                        offset = e < _leftEntries.Count
                            ? Math.Max(_leftEntries[e].Iova, bx.Da) - bx.Da
                            : Math.Max(_rightEntries[e].Iova, by.Da) - by.Da;
                        kind = DivergenceKind.Entries;
                        break;
                    }
                }
                if (offset is not { } off)
                    continue;
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
                    LegacyWriter = pl is { } el ? _legacy.Tracker.WriterOf(el.DescriptorAddress) : null,
                    PortedWriter = pr is { } er ? _ported.Tracker.WriterOf(er.DescriptorAddress) : null,
                };
            }
            return null;
        }

        private static AddressSpaceImage ImageOf(List<AddressSpaceImage> images, string space) =>
            images.Find(i => i.Space.Name == space) ?? throw new InvalidOperationException($"no address space '{space}'");



        private static readonly int[] AllSlots = Enumerable.Range(0, AddressSpaceImage.SlotCount).ToArray();

        private Divergence? CompareSlots(int index, string text, AddressSpaceImage a, AddressSpaceImage b, IEnumerable<int> slots)
        {
            foreach (int s in slots)
            {
                MappingsCompared += a.Slot(s).Count;
                if (a.Slot(s).Count == 0 && b.Slot(s).Count == 0)
                    continue;
                Divergence? d = _options.Mode == EquivalenceMode.Strict ? CompareEntries(index, text, a, b, s) : null;
                if (d is not null)
                    return d;
                _leftRuns.Clear();
                _rightRuns.Clear();
                a.AppendRuns(s, _leftRuns);
                b.AppendRuns(s, _rightRuns);
                if (TranslationMap.FirstDifference(_leftRuns, _rightRuns) is { } t)
                    return Describe(index, text, DivergenceKind.Translation, a, b, t.Iova);
            }
            return null;
        }

        private Divergence? CompareEntries(int index, string text, AddressSpaceImage a, AddressSpaceImage b, int slot)
        {
            IReadOnlyList<PageEntry> x = a.Slot(slot), y = b.Slot(slot);
            for (int i = 0; i < Math.Max(x.Count, y.Count); i++)
            {
                if (i < x.Count && i < y.Count && SameEntry(x[i], y[i], a.Identity, b.Identity))
                    continue;
                uint at = i >= x.Count ? y[i].Iova : i >= y.Count ? x[i].Iova : Math.Min(x[i].Iova, y[i].Iova);
                return Describe(index, text, DivergenceKind.Entries, a, b, Math.Max(at, (uint)slot << 20));
            }
            return null;
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
                string tlb = $"TLB[{t.Index}] {PageEntry.SizeName(t.Size)} 0x{t.Iova:x8} -> 0x{t.Pa:x8}";
                string table = e is { } te ? te.Describe() : "unmapped in the table";
                bool isLegacy = ReferenceEquals(world, _legacy);
                return new Divergence
                {
                    Step = index,
                    StepText = text,
                    Kind = DivergenceKind.Tlb,
                    Space = image.Space.Name,
                    Iova = t.Iova,
                    Legacy = isLegacy ? $"{tlb}, table: {table}" : "(consistent)",
                    Ported = isLegacy ? "(consistent)" : $"{tlb}, table: {table}",
                };
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
                LegacyWriter = x is { } ex ? _legacy.Tracker.WriterOf(ex.DescriptorAddress) : null,
                PortedWriter = y is { } ey ? _ported.Tracker.WriterOf(ey.DescriptorAddress) : null,
            };
        }

        private static string Side(PageEntry? e, PhysicalIdentity identity, uint iova) =>
            e is { } p ? $"{p.Describe()} -> {PhysicalIdentity.Format(identity.Resolve(p.Pa + (iova - p.Iova)))}" : "unmapped (fault)";

        private static (StepOutcome?, Exception?) Apply(IEquivalenceWorld world, TraceStep step)
        {
            try
            {
                return (world.Apply(step), null);
            }
            catch (Exception e)
            {
                return (null, e); // reported as a Crash divergence, with the exception's type and message
            }
        }

        private static string Describe(StepOutcome? outcome, Exception? error) =>
            error is null ? outcome!.Describe() : $"{error.GetType().Name}: {error.Message}";
    }
}
